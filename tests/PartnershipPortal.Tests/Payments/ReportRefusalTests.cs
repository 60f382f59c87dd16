using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// What the association's report form and the staff's review refuse, and the drafts they keep: each refusal read as the
/// person reads it, and the report left as it was. Each test signs its own convention of the demo association.
/// </summary>
public sealed class ReportRefusalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2065;

    [Fact]
    public async Task A_draft_is_kept_without_narrative_and_a_faulty_amount_names_its_line()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 1));
        var report = await InterimAsync(id);

        var faulty = await SaveAsync(association, report.Id, report.Version, "save", null, "", "abc");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, faulty.StatusCode);
        var text = await TextAsync(faulty);
        Assert.Contains("Le montant dépensé sur la ligne « Sorties éducatives » n'est pas un montant en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Indiquez le montant dépensé", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Décrivez les activités réalisées", text, StringComparison.Ordinal);
        var untouched = await ReportAsync(report.Id);
        Assert.Equal((ReportStatus.Due, (string?)null, 0), (untouched.Status, untouched.Narrative, untouched.BudgetLines.Count));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(association, report.Id, untouched.Version, "save", "Premier brouillon", "1 000", "")).StatusCode);
        var draft = await ReportAsync(report.Id);
        Assert.Equal((ReportStatus.Due, "Premier brouillon", (DateTime?)null), (draft.Status, draft.Narrative, draft.SubmittedAtUtc));
        Assert.Equal([("Cours du soir", 30_000_00L, 1_000_00L), ("Sorties éducatives", 20_000_00L, 0L)], Lines(draft));
        Assert.Empty(draft.Messages);

        // Opened again, the form holds the saved amounts beside their lines, in the convention's order; a report never
        // saved has empty fields, not zeros.
        var form = await association.GetStringAsync($"/MonEspace/Rapports/{report.Id}");
        Assert.Equal(("1000", "0"), (Digits(RecordPages.InputValue(form, "Form.Spent[0]")), Digits(RecordPages.InputValue(form, "Form.Spent[1]"))));
        Assert.Matches("for=\"spent-0\"><bdi>Cours du soir</bdi>.*for=\"spent-1\"><bdi>Sorties éducatives</bdi>", form.Replace("\n", " ", StringComparison.Ordinal));
        var final = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);
        var empty = await association.GetStringAsync($"/MonEspace/Rapports/{final.Id}");
        Assert.Equal(("", ""), (RecordPages.InputValue(empty, "Form.Spent[0]"), RecordPages.InputValue(empty, "Form.Spent[1]")));

        // Saved again, the same lines take the new amounts.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(association, report.Id, draft.Version, "save", "Second brouillon", "2 000", "500")).StatusCode);
        Assert.Equal([("Cours du soir", 30_000_00L, 2_000_00L), ("Sorties éducatives", 20_000_00L, 500_00L)], Lines(await ReportAsync(report.Id)));
    }

    [Fact]
    public async Task A_refused_submission_marks_each_line_beside_its_field()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 5));
        var report = await InterimAsync(id);

        var refused = await SaveAsync(association, report.Id, report.Version, "submit", "Activités du semestre", "", "douze");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(
            [("spent-0", "Indiquez le montant dépensé sur la ligne « Cours du soir » (0 si rien)."),
             ("spent-1", "Le montant dépensé sur la ligne « Sorties éducatives » n'est pas un montant en dirhams (par exemple 12 500).")],
            MarkedFields(html));
        var untouched = await ReportAsync(report.Id);
        Assert.Equal((ReportStatus.Due, 0), (untouched.Status, untouched.BudgetLines.Count));

        // One line wrong: only that one is marked, and the other keeps what was typed.
        var one = await (await SaveAsync(association, report.Id, report.Version, "submit", "Activités du semestre", "1 500", "")).Content.ReadAsStringAsync();
        Assert.Equal([("spent-1", "Indiquez le montant dépensé sur la ligne « Sorties éducatives » (0 si rien).")], MarkedFields(one));
        Assert.Equal("1 500", RecordPages.InputValue(one, "Form.Spent[0]"));
    }

    [Fact]
    public async Task An_amount_spent_of_a_hundred_million_dirhams_is_refused_and_one_centime_less_is_kept()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 4));
        var report = await InterimAsync(id);

        var refused = await SaveAsync(association, report.Id, report.Version, "save", null, "100 000 000", "0");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Le montant dépensé sur la ligne « Cours du soir » n'est pas un montant en dirhams", await TextAsync(refused), StringComparison.Ordinal);
        Assert.Empty((await ReportAsync(report.Id)).BudgetLines);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(association, report.Id, report.Version, "save", null, "99 999 999,99", "0")).StatusCode);
        Assert.Equal([("Cours du soir", 30_000_00L, 99_999_999_99L), ("Sorties éducatives", 20_000_00L, 0L)], Lines(await ReportAsync(report.Id)));
    }

    [Fact]
    public async Task A_form_opened_before_another_save_and_a_submitted_report_are_not_written()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 2));
        var report = await InterimAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(association, report.Id, report.Version, "save", "Écrit dans un autre onglet", "100", "100")).StatusCode);

        var stale = await SaveAsync(association, report.Id, report.Version, "save", "Écrit dans le premier onglet", "200", "200");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("Le rapport a été modifié depuis que vous avez ouvert cette page. Rien n'a été enregistré : rechargez la page et recommencez.",
            await TextAsync(stale), StringComparison.Ordinal);
        var kept = await ReportAsync(report.Id);
        Assert.Equal("Écrit dans un autre onglet", kept.Narrative);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(association, report.Id, kept.Version, "submit", "Rapport à mi-parcours", "10 000", "5 000")).StatusCode);
        var submitted = await ReportAsync(report.Id);
        var late = await SaveAsync(association, report.Id, submitted.Version, "save", "Après la remise", "1", "1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var lateText = await TextAsync(late);
        Assert.Contains("Ce rapport est remis, en examen : il ne se modifie plus.", lateText, StringComparison.Ordinal);
        // The page shows the report as submitted, not what the refused form carried.
        Assert.Contains("Rapport à mi-parcours", lateText, StringComparison.Ordinal);
        Assert.DoesNotContain("Après la remise", lateText, StringComparison.Ordinal);
        Assert.Equal(("Rapport à mi-parcours", ReportStatus.Submitted), ((await ReportAsync(report.Id)).Narrative, (await ReportAsync(report.Id)).Status));

        var attachment = await AttachAsync(association, report.Id, "trop-tard.pdf");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, attachment.StatusCode);
        Assert.Contains("Ce rapport ne reçoit plus de pièces jointes.", await TextAsync(attachment), StringComparison.Ordinal);
        var key = report.Id.ToString(CultureInfo.InvariantCulture);
        Assert.False(await factory.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.AttachedTo == "ConventionReport" && f.AttachedToId == key)));
    }

    [Fact]
    public async Task Only_a_submitted_report_is_reviewed_and_an_approved_interim_report_does_not_release_the_balance()
    {
        var (agent, association, id) = await ConventionAsync(new DateOnly(Year, 2, 3));
        var interim = await InterimAsync(id);
        var final = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);

        var notSubmitted = await ReviewAsync(agent, final.Id, "Approuver", null);
        Assert.Equal(HttpStatusCode.Conflict, notSubmitted.StatusCode);
        Assert.Contains("Seul un rapport remis s'approuve ou se renvoie ; celui-ci est à remettre. Rien n'a été changé.", await TextAsync(notSubmitted), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Due, (await ReportAsync(final.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(association, interim.Id, interim.Version, "submit", "À mi-parcours", "15 000", "5 000")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(agent, interim.Id, "Approuver", null)).StatusCode);
        var approved = await ReportAsync(interim.Id);
        Assert.Equal((ReportStatus.Approved, "agent@portail.test"), (approved.Status, approved.ApprovedBy));
        Assert.Null((await TranchesAsync(factory, id)).Single(t => t.IsBalance).ReleasedOn);

        var twice = await ReviewAsync(agent, interim.Id, "Renvoyer", "Encore une fois");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Seul un rapport remis s'approuve ou se renvoie ; celui-ci est approuvé. Rien n'a été changé.", await TextAsync(twice), StringComparison.Ordinal);
        Assert.Equal([ReportMessageKind.Submission, ReportMessageKind.Approved], (await ReportAsync(interim.Id)).Messages.OrderBy(m => m.Id).Select(m => m.Kind));
    }

    /// <summary>50 000 DH in two lines.</summary>
    private Task<(HttpClient Agent, HttpClient Association, int Id)> ConventionAsync(DateOnly signed) =>
        DemoConventionAsync(factory, signed, new Line("Cours du soir", 30_000_00), new Line("Sorties éducatives", 20_000_00));

    private async Task<ConventionReport> InterimAsync(int conventionId) =>
        await ReportAsync((await ReportsAsync(factory, conventionId)).Single(r => r.Kind == ReportKind.Interim).Id);

    /// <summary>Posts the report form as a page opened when the report had <paramref name="version"/>.</summary>
    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int reportId, Guid version, string intent, string? narrative, params string[] spent)
    {
        var url = $"/MonEspace/Rapports/{reportId}";
        var fields = new List<KeyValuePair<string, string>> { new("intent", intent), new("Form.Version", version.ToString()) };
        if (narrative is not null)
        {
            fields.Add(new("Form.Narrative", narrative));
        }

        fields.AddRange(spent.Select((amount, i) => new KeyValuePair<string, string>($"Form.Spent[{i}]", amount)));
        return client.PostFormAsync(url, url, fields);
    }

    private Task<ConventionReport> ReportAsync(int id) => PaymentTestKit.ReportAsync(factory, id);

    /// <summary>The inputs marked invalid, each with the message the page ties to it (<c>aria-describedby</c>), in the page's order.</summary>
    private static List<(string Field, string Message)> MarkedFields(string html) =>
        [.. Regex.Matches(html, "<input[^>]*class=\"[^\"]*is-invalid[^\"]*\"[^>]*>", RegexOptions.Singleline).Select(input =>
        {
            var field = Regex.Match(input.Value, "id=\"([^\"]+)\"").Groups[1].Value;
            var describedBy = Regex.Match(input.Value, "aria-describedby=\"([^\"]+)\"").Groups[1].Value;
            var message = Regex.Match(html, $"<(\\w+)[^>]*id=\"{Regex.Escape(describedBy)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline).Groups[2].Value;
            return (field, WebUtility.HtmlDecode(message).Trim());
        })];

    private static string Digits(string text) => new([.. text.Where(char.IsDigit)]);

    private static List<(string, long, long)> Lines(ConventionReport report) =>
        [.. report.BudgetLines.OrderBy(l => l.DisplayOrder).Select(l => (l.Category, l.PlannedCentimes, l.SpentCentimes))];
}
