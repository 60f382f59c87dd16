using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Files;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Reports;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>What a report's pages show of its own convention only: payments received, attachments, and the balance its approval releases.</summary>
public sealed class ReportPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2068;

    [Fact]
    public async Task The_association_reads_the_sum_of_the_payments_received_on_its_convention()
    {
        var (agent, association, id) = await ConventionAsync(new DateOnly(Year, 2, 1));
        var first = (await TranchesAsync(factory, id))[0];
        await OrderAsync(agent, id, first.Id, "OP-2068-0001", new DateOnly(Year, 2, 2));
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 3), "10 000");
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 4), "15 000");
        var reference = (await LoadAsync(factory, id)).Reference;

        var list = await FlatTextAsync(await association.GetAsync("/MonEspace/Rapports"));

        Assert.Matches($"Convention {reference}.*?reçu : 25 000 DH", list);
    }

    [Fact]
    public async Task A_report_shows_its_own_attachments_and_refuses_a_program()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 5));
        var reports = await ReportsAsync(factory, id);
        var (interim, final) = (reports.Single(r => r.Kind == ReportKind.Interim), reports.Single(r => r.Kind == ReportKind.Final));
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, interim.Id, "presences-mi-parcours.pdf")).StatusCode);

        var program = await AttachAsync(association, final.Id, "rapport.pdf", FileTestKit.Executable());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, program.StatusCode);
        Assert.Contains("Un programme ne peut pas être déposé, quel que soit son nom.", await TextAsync(program), StringComparison.Ordinal);

        Assert.Contains("presences-mi-parcours.pdf", await TextAsync(await association.GetAsync($"/MonEspace/Rapports/{interim.Id}")), StringComparison.Ordinal);
        Assert.DoesNotContain("presences-mi-parcours.pdf", await TextAsync(await association.GetAsync($"/MonEspace/Rapports/{final.Id}")), StringComparison.Ordinal);
        Assert.DoesNotContain("rapport.pdf", await TextAsync(await association.GetAsync($"/MonEspace/Rapports/{final.Id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_final_report_releases_its_own_convention_s_balance_only()
    {
        var (agent, association, id) = await ConventionAsync(new DateOnly(Year, 2, 7));
        var (_, _, other) = await ConventionAsync(new DateOnly(Year, 2, 8));
        var final = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);
        var url = $"/MonEspace/Rapports/{final.Id}";
        var version = (await PaymentTestKit.ReportAsync(factory, final.Id)).Version.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await association.PostFormAsync(url, url,
            [new("intent", "submit"), new("Form.Version", version), new("Form.Narrative", "Bilan final"), new("Form.Spent[0]", "50 000")])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(agent, final.Id, "Approuver", null)).StatusCode);

        Assert.NotNull((await TranchesAsync(factory, id)).Single(t => t.IsBalance).ReleasedOn);
        Assert.Null((await TranchesAsync(factory, other)).Single(t => t.IsBalance).ReleasedOn);
    }

    [Fact]
    public async Task The_thread_reads_oldest_first_and_two_messages_of_one_instant_in_the_order_they_were_written()
    {
        var (agent, association, id) = await ConventionAsync(new DateOnly(Year, 2, 9));
        var report = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Interim);
        var (morning, noon) = (new DateTime(Year, 3, 1, 9, 0, 0, DateTimeKind.Utc), new DateTime(Year, 3, 1, 12, 0, 0, DateTimeKind.Utc));
        // Written in this order: the latest first, then two of the same instant.
        await factory.WithDbAsync(async db =>
        {
            foreach (var (text, at) in new[] { ("Message de midi", noon), ("Premier du matin", morning), ("Second du matin", morning) })
            {
                db.ReportMessages.Add(new ReportMessage { ReportId = report.Id, Kind = ReportMessageKind.Submission, Text = text, AtUtc = at });
                await db.SaveChangesAsync();
            }
        });

        foreach (var page in new[] { await association.GetStringAsync($"/MonEspace/Rapports/{report.Id}"), await agent.GetStringAsync($"/Rapports/{report.Id}") })
        {
            Assert.Matches("(?s)Premier du matin.*Second du matin.*Message de midi", page);
        }
    }

    [Fact]
    public async Task Attachments_are_listed_in_the_order_they_were_given()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 10));
        var report = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Interim);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, report.Id, "1-presences.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, report.Id, "2-factures.pdf")).StatusCode);

        Assert.Matches("(?s)1-presences.pdf.*2-factures.pdf", await association.GetStringAsync($"/MonEspace/Rapports/{report.Id}"));
    }

    [Fact]
    public async Task Before_its_first_save_a_report_takes_the_budget_and_the_planned_figures_of_its_own_convention_s_application()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 11));
        var (_, _, other) = await ConventionAsync(new DateOnly(Year, 2, 12));
        await ApplicationOfAsync(id, 12, ("Transport", 1, 5_000_00), ("Fournitures", 0, 3_000_00), ("Repas", 1, 2_000_00));
        await ApplicationOfAsync(other, 99, ("Ligne d'une autre convention", 0, 9_000_00));
        var report = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Interim);

        var form = (await association.GetStringAsync($"/MonEspace/Rapports/{report.Id}")).Replace("\n", " ", StringComparison.Ordinal);
        // In the application's order, lines of one rank in the order they were written.
        Assert.Matches("for=\"spent-0\"><bdi>Fournitures</bdi>.*for=\"spent-1\"><bdi>Transport</bdi>.*for=\"spent-2\"><bdi>Repas</bdi>", form);
        Assert.DoesNotContain("spent-3", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Ligne d'une autre convention", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Projet suivi", form, StringComparison.Ordinal);
        Assert.Contains("prévus : 12", form, StringComparison.Ordinal);
        Assert.DoesNotContain("prévus : 99", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_does_not_exist_is_not_found_and_not_recorded_as_another_association_s()
    {
        var (agent, association, _) = await ConventionAsync(new DateOnly(Year, 2, 13));
        const int Missing = 987_654;

        Assert.Equal(HttpStatusCode.NotFound, (await association.GetAsync($"/MonEspace/Rapports/{Missing}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/Rapports/{Missing}")).StatusCode);
        var token = HtmlForms.AntiforgeryToken(await agent.GetStringAsync("/Echeances"));
        var review = await agent.PostAsync($"/Rapports/{Missing}/Approuver", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, review.StatusCode);

        var key = Missing.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccessDenied && a.EntityId == key)));
    }

    [Fact]
    public async Task The_service_answers_missing_for_a_report_of_another_association()
    {
        var (_, _, id) = await ConventionAsync(new DateOnly(Year, 2, 14));
        var report = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Interim);
        var demo = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var otherAssociation = await factory.WithDbAsync(db => db.Associations.Where(a => a.Id != demo).Select(a => a.Id).FirstAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ReportService>().SaveAsync(otherAssociation, report.Id,
            new ReportForm { Version = report.Version, Narrative = "Pas le mien", Spent = ["1"] }, submit: true, CancellationToken.None);

        Assert.True(outcome.NotFound);
        Assert.Null((await PaymentTestKit.ReportAsync(factory, report.Id)).Narrative);
    }

    /// <summary>An accepted application of the demo association whose convention is <paramref name="conventionId"/>, with its budget lines (category, rank, amount).</summary>
    private Task ApplicationOfAsync(int conventionId, int plannedChildren, params (string Category, int Order, long Centimes)[] lines) => factory.WithDbAsync(async db =>
    {
        var convention = await db.Conventions.SingleAsync(c => c.Id == conventionId);
        var application = new Application
        {
            CallForProjectsId = await db.Calls.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(), AssociationId = convention.AssociationId,
            ProjectTitle = "Candidature retenue", Status = ApplicationStatus.Accepted, ConventionId = conventionId, PlannedChildren = plannedChildren,
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        foreach (var (category, order, centimes) in lines)
        {
            db.ApplicationBudgetLines.Add(new ApplicationBudgetLine { ApplicationId = application.Id, Category = category, DisplayOrder = order, AmountCentimes = centimes, Funder = BudgetFunder.Ministry });
            await db.SaveChangesAsync();
        }
    });

    private Task<(HttpClient Agent, HttpClient Association, int Id)> ConventionAsync(DateOnly signed) =>
        DemoConventionAsync(factory, signed, new Line("Projet suivi", 50_000_00));
}
