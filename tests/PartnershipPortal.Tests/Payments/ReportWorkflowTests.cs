using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The association writes and submits its reports at /MonEspace/Rapports; staff return or approve them; the final one releases the balance.</summary>
public sealed class ReportWorkflowTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    private Task<HttpResponseMessage> SubmitAsync(HttpClient client, int reportId, string? narrative, string intent = "submit", string? message = null, params string[] spent)
    {
        var fields = new List<(string, string)> { ("intent", intent), ("Form.ReachedWomen", "40"), ("Form.ReachedChildren", "65") };
        if (narrative is not null)
        {
            fields.Add(("Form.Narrative", narrative));
        }

        if (message is not null)
        {
            fields.Add(("Form.Message", message));
        }

        for (var i = 0; i < spent.Length; i++)
        {
            fields.Add(($"Form.Spent[{i}]", spent[i]));
        }

        return PostOwnAsync(client, reportId, fields);
    }

    /// <summary>Posts the report form with the version stored now (a submitted report's page has no form to read it from).</summary>
    private async Task<HttpResponseMessage> PostOwnAsync(HttpClient client, int reportId, List<(string Key, string Value)> fields)
    {
        var url = $"/MonEspace/Rapports/{reportId}";
        fields.Add(("Form.Version", (await ReportAsync(reportId)).Version.ToString()));
        return await client.PostFormAsync(url, url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
    }

    private Task<ConventionReport> ReportAsync(int id) => PaymentTestKit.ReportAsync(factory, id);

    [Fact]
    public async Task Submitted_returned_resubmitted_and_approved_the_final_report_keeps_its_exchange_and_releases_the_balance()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 20), associationId, new Line("Alphabétisation des femmes", 60_000_00), new Line("Soutien scolaire", 40_000_00));
        var reference = (await LoadAsync(factory, id)).Reference;
        var final = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);

        var list = await FlatTextAsync(await association.GetAsync("/MonEspace/Rapports"));
        Assert.Contains($"Convention {reference}", list, StringComparison.Ordinal);
        Assert.Contains($"Rapport final · à remettre le {final.DueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} · À remettre", list, StringComparison.Ordinal);

        // Without the narrative nor the amounts spent, nothing is submitted.
        var incomplete = await SubmitAsync(association, final.Id, null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var incompleteText = await TextAsync(incomplete);
        Assert.Contains("Décrivez les activités réalisées avant de remettre le rapport.", incompleteText, StringComparison.Ordinal);
        Assert.Contains("Indiquez le montant dépensé sur la ligne « Alphabétisation des femmes » (0 si rien).", incompleteText, StringComparison.Ordinal);
        Assert.Equal((ReportStatus.Due, 0), ((await ReportAsync(final.Id)).Status, (await ReportAsync(final.Id)).BudgetLines.Count));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(association, final.Id, "Douze ateliers tenus à Fès.", "submit", null, "55 000", "38 500,50")).StatusCode);
        var submitted = await ReportAsync(final.Id);
        Assert.Equal(ReportStatus.Submitted, submitted.Status);
        Assert.Equal([("Alphabétisation des femmes", 60_000_00L, 55_000_00L), ("Soutien scolaire", 40_000_00L, 38_500_50L)],
            submitted.BudgetLines.OrderBy(l => l.DisplayOrder).Select(l => (l.Category, l.PlannedCentimes, l.SpentCentimes)));
        Assert.Equal((40, 65), (submitted.ReachedWomen!.Value, submitted.ReachedChildren!.Value));

        // A submitted report no longer changes.
        var late = await SubmitAsync(association, final.Id, "Autre texte", "save", null, "1", "1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal("Douze ateliers tenus à Fès.", (await ReportAsync(final.Id)).Narrative);

        var staffPage = await FlatTextAsync(await agent.GetAsync($"/Rapports/{final.Id}"));
        Assert.Contains("Douze ateliers tenus à Fès.", staffPage, StringComparison.Ordinal);
        Assert.Contains("Soutien scolaire 40 000 DH 38 500,50 DH", staffPage, StringComparison.Ordinal);

        var noComment = await ReviewAsync(agent, final.Id, "Renvoyer", null);
        Assert.Equal(HttpStatusCode.Conflict, noComment.StatusCode);
        Assert.Contains("le commentaire est obligatoire pour renvoyer un rapport", await TextAsync(noComment), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(final.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(agent, final.Id, "Renvoyer", "Joignez les listes de présence.")).StatusCode);
        Assert.Equal(ReportStatus.Returned, (await ReportAsync(final.Id)).Status);
        var mails = await factory.MailsAsync();
        Assert.Contains(mails, m => m.Contains("association@portail.test", StringComparison.Ordinal) && m.Contains("Joignez les listes de pr", StringComparison.Ordinal));

        var balance = (await TranchesAsync(factory, id)).Single(t => t.IsBalance);
        Assert.Equal(HttpStatusCode.Conflict, (await OrderAsync(agent, id, balance.Id, "OP-SOLDE", new DateOnly(2062, 3, 1))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(association, final.Id, "Douze ateliers tenus à Fès ; listes de présence jointes.", "submit", "Listes ajoutées.", "55 000", "38 500,50")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(agent, final.Id, "Approuver", null)).StatusCode);

        var approved = await ReportAsync(final.Id);
        Assert.Equal((ReportStatus.Approved, "agent@portail.test"), (approved.Status, approved.ApprovedBy));
        Assert.Equal([(ReportMessageKind.Submission, false, (string?)null), (ReportMessageKind.Returned, true, "Joignez les listes de présence."),
            (ReportMessageKind.Resubmission, false, "Listes ajoutées."), (ReportMessageKind.Approved, true, null)],
            approved.Messages.OrderBy(m => m.Id).Select(m => (m.Kind, m.FromStaff, m.Text)));
        var thread = await FlatTextAsync(await association.GetAsync($"/MonEspace/Rapports/{final.Id}"));
        Assert.Contains("Le ministère", thread, StringComparison.Ordinal);
        Assert.Contains("Joignez les listes de présence.", thread, StringComparison.Ordinal);
        Assert.Contains("Approuvé", thread, StringComparison.Ordinal);

        // The balance is released: ordered and paid.
        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, balance.Id, "OP-SOLDE", new DateOnly(2062, 3, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, id, balance.Id, new DateOnly(2062, 3, 3), "50 000")).StatusCode);
        Assert.Contains("reçu : 50 000 DH", await FlatTextAsync(await association.GetAsync("/MonEspace/Rapports")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_association_neither_sees_nor_writes_a_report_and_the_attempt_is_audited()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 21), associationId, new Line("Projet de l'association de démonstration", 20_000_00));
        var reference = (await LoadAsync(factory, id)).Reference;
        var report = (await ReportsAsync(factory, id)).First();
        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/MonEspace/Rapports/{report.Id}")).StatusCode);
        Assert.DoesNotContain(reference, await TextAsync(await other.GetAsync("/MonEspace/Rapports")), StringComparison.Ordinal);
        var token = HtmlForms.AntiforgeryToken(await other.GetStringAsync("/MonEspace/Rapports/"));
        var posted = await other.PostAsync($"/MonEspace/Rapports/{report.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("intent", "submit"), new("Form.Narrative", "Pas le mien")]));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Null((await ReportAsync(report.Id)).Narrative);

        var denied = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.AccessDenied && a.EntityType == nameof(ConventionReport) && a.EntityId == report.Id.ToString(CultureInfo.InvariantCulture))
            .CountAsync());
        Assert.Equal(2, denied);

        // Staff pages are not the association's.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedInClientAsync("association@portail.test")).GetAsync($"/Rapports/{report.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_attachment_is_kept_in_the_file_store_and_shown_with_the_report()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 22), associationId, new Line("Projet avec pièces", 20_000_00));
        var report = (await ReportsAsync(factory, id)).First();

        var url = $"/MonEspace/Rapports/{report.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, report.Id, "presences.pdf")).StatusCode);

        var stored = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.AttachedTo == "ConventionReport" && f.AttachedToId == report.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(("presences.pdf", (int?)associationId), (stored.FileName, stored.OwnerAssociationId));
        Assert.Contains("presences.pdf", await TextAsync(await association.GetAsync(url)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/Fichiers/{stored.Id}")).StatusCode);
    }
}
