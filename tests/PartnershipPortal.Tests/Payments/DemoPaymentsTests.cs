using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The demo's money: 2017 and 2018 paid in full with their reports approved.</summary>
public sealed class DemoPaymentsTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
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
    public async Task The_demo_association_sees_what_it_received_for_its_2017_and_2018_conventions()
    {
        var demo = await factory.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => c.Association!.RegistrationNumber == Data.Seeding.DemoDataSeeder.DemoAssociationRegistrationNumber && c.Status != ConventionStatus.Draft && c.Status != ConventionStatus.Cancelled)
            .Select(c => new { c.Reference, c.TotalCentimes }).ToListAsync());
        var association = await factory.SignedInClientAsync("association@portail.test");

        var page = await FlatTextAsync(await association.GetAsync("/MonEspace/Rapports"));

        Assert.NotEmpty(demo);
        foreach (var c in demo)
        {
            Assert.Contains($"Convention {c.Reference}", page, StringComparison.Ordinal);
        }

        Assert.Contains("reste à recevoir : 0 DH", page, StringComparison.Ordinal);
        Assert.DoesNotContain("À remettre", page, StringComparison.Ordinal);
    }
}
