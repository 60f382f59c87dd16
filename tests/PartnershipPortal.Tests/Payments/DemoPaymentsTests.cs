using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The demo's money, seeded on today's date.</summary>
public sealed class DemoPaymentsTests(ClockedPortalFactory factory) : DemoPaymentsTestsBase(factory), IClassFixture<ClockedPortalFactory>;

/// <summary>
/// The demo's money seeded on 15 March: the current conventions signed ten months ago are last year's, the one signed
/// three weeks ago this year's, each numbered in its own year.
/// </summary>
public sealed class DemoPaymentsInMarchTests(DemoPaymentsInMarchTests.MarchPortalFactory factory) : DemoPaymentsTestsBase(factory), IClassFixture<DemoPaymentsInMarchTests.MarchPortalFactory>
{
    public sealed class MarchPortalFactory : ClockedPortalFactory
    {
        public MarchPortalFactory() => Clock.SetUtcNow(new DateTimeOffset(2062, 3, 15, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Each_current_convention_belongs_to_the_year_it_was_signed_in_and_is_numbered_in_it()
    {
        var current = await Factory.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => c.Projects.Any(p => EF.Functions.Like(p.Title, Web.Features.Payments.DemoPaymentsSeeder.CurrentTitlePrefix + "%")))
            .OrderBy(c => c.Id)
            .Select(c => new { c.Reference, c.BudgetYear, c.SigningDate, ProjectYears = c.Projects.Select(p => p.BudgetYear).ToList() })
            .ToListAsync());

        // Signed 310, 200, 20 and 300 days before 15 March 2062.
        Assert.Equal(
            [new DateOnly(2061, 5, 9), new DateOnly(2061, 8, 27), new DateOnly(2062, 2, 23), new DateOnly(2061, 5, 19)],
            current.Select(c => c.SigningDate!.Value));
        Assert.Equal(["CONV-2061-001", "CONV-2061-002", "CONV-2062-001", "CONV-2061-003"], current.Select(c => c.Reference));
        Assert.All(current, c => Assert.Equal([c.SigningDate!.Value.Year], c.ProjectYears.Append(c.BudgetYear).Distinct()));
    }
}

/// <summary>The demo's money: 2017 and 2018 paid in full with their reports approved; the current conventions with something to follow up.</summary>
public abstract class DemoPaymentsTestsBase(ClockedPortalFactory factory)
{
    protected ClockedPortalFactory Factory => factory;

    [Fact]
    public async Task Every_signed_2017_and_2018_convention_is_paid_in_full_and_its_reports_approved()
    {
        var conventions = await factory.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => (c.BudgetYear == 2017 || c.BudgetYear == 2018) && c.Status != ConventionStatus.Draft && c.Status != ConventionStatus.Cancelled)
            .Select(c => new
            {
                c.Reference, c.TotalCentimes,
                Paid = c.Tranches.SelectMany(t => t.Payments).Sum(p => (long?)p.AmountCentimes) ?? 0,
                Reports = c.Reports.Count, Approved = c.Reports.Count(r => r.Status == ReportStatus.Approved),
            }).ToListAsync());

        Assert.NotEmpty(conventions);
        Assert.All(conventions, c => Assert.Equal((c.Reference, c.TotalCentimes, 2), (c.Reference, c.Paid, c.Approved)));
        Assert.All(conventions, c => Assert.Equal(2, c.Reports));
    }

    [Fact]
    public async Task The_current_demo_conventions_show_a_late_report_a_report_due_within_the_month_and_tranches_in_the_follow_up()
    {
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var current = await factory.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => c.Projects.Any(p => EF.Functions.Like(p.Title, Web.Features.Payments.DemoPaymentsSeeder.CurrentTitlePrefix + "%")))
            .Select(c => new { c.Reference, c.Status }).ToListAsync());
        var late = await factory.WithDbAsync(db => db.ConventionReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Due && r.DueDate < today && r.Convention!.BudgetYear > 2018)
            .Select(r => r.Convention!.Reference).ToListAsync());
        var dueSoon = await factory.WithDbAsync(db => db.ConventionReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Due && r.DueDate >= today && r.DueDate <= today.AddDays(30) && r.Convention!.BudgetYear > 2018)
            .Select(r => new { r.Convention!.Reference, r.Kind }).ToListAsync());
        var toOrder = await factory.WithDbAsync(db => db.PaymentTranches.AsNoTracking()
            .Where(t => t.OrderedOn == null && !t.IsBalance && t.PlannedDate <= today && t.Convention!.BudgetYear > 2018)
            .Select(t => t.Convention!.Reference).ToListAsync());
        // A first tranche paid and the balance planned within the month.
        var balanceSoon = await factory.WithDbAsync(db => db.PaymentTranches.AsNoTracking()
            .Where(t => t.IsBalance && t.PlannedDate >= today && t.PlannedDate <= today.AddDays(30) && t.Convention!.BudgetYear > 2018
                && t.Convention.Tranches.Any(f => f.Number == 1 && f.Payments.Count != 0))
            .Select(t => t.Convention!.Reference).ToListAsync());

        Assert.Equal(4, current.Count);
        Assert.All(current, c => Assert.Equal(ConventionStatus.InProgress, c.Status));
        Assert.NotEmpty(late);
        Assert.NotEmpty(dueSoon);
        Assert.NotEmpty(toOrder);
        Assert.NotEmpty(balanceSoon);

        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var reports = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=Report&pageSize=100"));
        Assert.All(late, reference => Assert.Contains("En retard Rapport intermédiaire " + reference, reports, StringComparison.Ordinal));
        Assert.All(dueSoon, r => Assert.Contains((r.Kind == ReportKind.Final ? "Rapport final " : "Rapport intermédiaire ") + r.Reference, reports, StringComparison.Ordinal));
        var tranches = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=TrancheToOrder&pageSize=100"));
        Assert.All(toOrder, reference => Assert.Contains("Tranche 1 à ordonnancer " + reference, tranches, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_association_sees_what_it_received_and_what_it_still_owes()
    {
        var demo = await factory.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => c.Association!.RegistrationNumber == Data.Seeding.DemoDataSeeder.DemoAssociationRegistrationNumber && c.Status != ConventionStatus.Draft && c.Status != ConventionStatus.Cancelled)
            .Select(c => new
            {
                c.Reference, c.BudgetYear, c.TotalCentimes,
                Received = c.Tranches.SelectMany(t => t.Payments).Sum(p => (long?)p.AmountCentimes) ?? 0,
                Due = c.Reports.Where(r => r.Status == ReportStatus.Due).Select(r => r.DueDate).ToList(),
            }).ToListAsync());
        var association = await factory.SignedInClientAsync("association@portail.test");

        var page = await FlatTextAsync(await association.GetAsync("/MonEspace/Rapports"));

        Assert.Contains(demo, c => c.BudgetYear <= 2018);
        Assert.All(demo.Where(c => c.BudgetYear <= 2018), c => Assert.Equal((c.TotalCentimes, 0), (c.Received, c.Due.Count)));
        // This year's convention: the first tranche received, the final report still to hand in.
        var current = Assert.Single(demo, c => c.BudgetYear > 2018);
        Assert.InRange(current.Received, 1, current.TotalCentimes - 1);
        foreach (var c in demo)
        {
            Assert.Contains($"Convention {c.Reference}", page, StringComparison.Ordinal);
            Assert.Contains($"Montant : {Dirhams(c.TotalCentimes)} · reçu : {Dirhams(c.Received)} · reste à recevoir : {Dirhams(c.TotalCentimes - c.Received)}", page, StringComparison.Ordinal);
        }

        Assert.All(current.Due, d => Assert.Contains("à remettre le " + d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + " · À remettre", page, StringComparison.Ordinal));
    }

    private static string Dirhams(long centimes) => Web.Infrastructure.Formatting.PortalFormat.Dirhams(centimes, Web.Infrastructure.Localization.PortalCultures.French).Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
