using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Reports;
using PartnershipPortal.Web.Infrastructure.Email;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// A report written or reviewed by two people at the same instant, made to happen every time: another save lands between
/// the service's checks and its own save. The second save is refused whole and says so; the first stays.
/// </summary>
public sealed class ReportRaceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2069;

    [Fact]
    public async Task A_draft_saved_while_another_tab_saves_the_report_is_refused_and_the_other_tab_s_text_stays()
    {
        var (_, _, id) = await ConventionAsync(new DateOnly(Year, 2, 1));
        var report = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Interim);
        var association = await SecurityTestKit.DemoAssociationIdAsync(factory);

        var outcome = await WithInterloperAsync(Writes(report.Id, r => r.Narrative = "Écrit dans l'autre onglet"),
            service => service.SaveAsync(association, report.Id, new ReportForm { Version = report.Version, Narrative = "Écrit ici", Spent = ["1 000"] }, submit: true, CancellationToken.None));

        Assert.Equal(["Le rapport a été modifié depuis que vous avez ouvert cette page. Rien n'a été enregistré : rechargez la page et recommencez."],
            outcome.Errors.Select(e => e.Message));
        var kept = await ReportAsync(factory, report.Id);
        Assert.Equal(("Écrit dans l'autre onglet", ReportStatus.Due, 0, 0), (kept.Narrative, kept.Status, kept.BudgetLines.Count, kept.Messages.Count));
    }

    [Fact]
    public async Task An_approval_saved_while_a_colleague_returns_the_report_is_refused_and_sends_no_mail()
    {
        var (_, associationClient, id) = await ConventionAsync(new DateOnly(Year, 2, 2));
        var report = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);
        var url = $"/MonEspace/Rapports/{report.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await associationClient.PostFormAsync(url, url,
            [new("intent", "submit"), new("Form.Version", report.Version.ToString()), new("Form.Narrative", "Bilan final"), new("Form.Spent[0]", "40 000")])).StatusCode);
        var mailsBefore = await MailCountAsync();

        var outcome = await WithInterloperAsync(Writes(report.Id, r =>
            {
                r.Status = ReportStatus.Returned;
                r.Messages.Add(new ReportMessage { Kind = ReportMessageKind.Returned, FromStaff = true, Text = "Renvoyé par un collègue", AtUtc = DateTime.UtcNow });
            }),
            service => service.ApproveAsync(report.Id, new ReviewForm(), CancellationToken.None));

        Assert.Equal(["Quelqu'un d'autre a examiné ce rapport en même temps. Rien n'a été changé : rechargez la page."], outcome.Errors.Select(e => e.Message));
        var kept = await ReportAsync(factory, report.Id);
        Assert.Equal((ReportStatus.Returned, (string?)null), (kept.Status, kept.ApprovedBy));
        Assert.Equal([ReportMessageKind.Submission, ReportMessageKind.Returned], kept.Messages.OrderBy(m => m.Id).Select(m => m.Kind));
        Assert.Null((await TranchesAsync(factory, id)).Single(t => t.IsBalance).ReleasedOn);
        Assert.Equal(mailsBefore, await MailCountAsync());
    }

    /// <summary>Runs a report service whose context, mailer and outbox are the one where <paramref name="interloper"/> saves first.</summary>
    private Task<ReportOutcome> WithInterloperAsync(SavesFirst interloper, Func<ReportService, Task<ReportOutcome>> action) =>
        factory.WithInterloperAsync(interloper, (services, db) => action(ActivatorUtilities.CreateInstance<ReportService>(services, db,
            ActivatorUtilities.CreateInstance<ReportMailer>(services, db, ActivatorUtilities.CreateInstance<MailOutbox>(services, db)))));

    /// <summary>Changes the report as another person's save does: a new version with the change.</summary>
    private SavesFirst Writes(int reportId, Action<ConventionReport> change) => new(factory.ConnectionString, async (other, ct) =>
    {
        var report = await other.ConventionReports.Include(r => r.Messages).SingleAsync(r => r.Id == reportId, ct);
        change(report);
        report.Version = Guid.NewGuid();
    });

    private Task<int> MailCountAsync() => factory.WithDbAsync(db => db.OutboxMails.CountAsync());

    private Task<(HttpClient Agent, HttpClient Association, int Id)> ConventionAsync(DateOnly signed) =>
        DemoConventionAsync(factory, signed, new Line("Projet disputé", 40_000_00));
}
