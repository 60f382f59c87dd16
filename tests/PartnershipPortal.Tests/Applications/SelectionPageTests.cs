using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>What the staff read of a selection: each review on the application's page, the ranking's ties and scale, the draft convention an acceptance prepares.</summary>
public sealed class SelectionPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly (string, int, int)[] Grid = [("Pertinence", 3, 10), ("Capacité", 2, 5), ("Budget", 1, 20)];

    [Fact]
    public async Task The_application_page_shows_each_review_in_order_with_its_reviewer_total_and_scores_and_a_withdrawn_one_without()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await factory.AdmissibleApplicationAsync(call, "Projet évalué deux fois", "30 000");
        var named = await NewReviewerAsync(factory, "Nadia Évaluatrice");
        var unnamed = await NewReviewerAsync(factory, null);
        var pending = await NewReviewerAsync(factory, "Karim Encours");
        await AssignReviewersAsync(factory, call.Id, named, unnamed, pending);
        var first = await factory.SignedInClientAsync(named);
        var second = await factory.SignedInClientAsync(unnamed);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(first, id, "NoConflict")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(second, id, "Withdrawn")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(await factory.SignedInClientAsync(pending), id, "NoConflict")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(first, call, id, [8, 4, 10], "Solide")).StatusCode);
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        var text = System.Text.RegularExpressions.Regex.Replace(RecordPages.Text(await agent.PageAsync($"/Candidatures/{id}")), @"\s+", " ");

        // 3 × 8 + 2 × 4 + 1 × 10.
        Assert.Contains("Nadia Évaluatrice · total pondéré 42 Pertinence : 8 / 10 · Solide Capacité : 4 / 5 · Solide Budget : 10 / 20 · Solide", text, StringComparison.Ordinal);
        Assert.Contains($"{unnamed} · retiré (conflit d'intérêts)", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Nadia Évaluatrice ·", StringComparison.Ordinal) < text.IndexOf($"{unnamed} ·", StringComparison.Ordinal));

        // Declared without conflict, not scored yet: no total and no score, not even a zero.
        var pendingReview = text[text.IndexOf("Karim Encours ·", StringComparison.Ordinal)..];
        Assert.StartsWith("Karim Encours · notation en cours", pendingReview, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, "Pertinence : "));
    }

    [Fact]
    public async Task The_ranking_states_its_scale_and_orders_tied_applications_by_number()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, 20_000_00, Grid);
        var earlier = await factory.AdmissibleApplicationAsync(call, "Ex aequo déposée avant", "10 000");
        var later = await factory.AdmissibleApplicationAsync(call, "Ex aequo déposée après", "10 000");
        var reviewer = await NewReviewerAsync(factory);
        await AssignReviewersAsync(factory, call.Id, reviewer);
        var client = await factory.SignedInClientAsync(reviewer);
        foreach (var id in new[] { later, earlier })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(client, id, "NoConflict")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(client, call, id, [5, 5, 5])).StatusCode);
        }

        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var text = RecordPages.Text(await manager.PageAsync($"/Selection/Classement/{call.Id}"));

        // 3 × 10 + 2 × 5 + 1 × 20.
        Assert.Contains("Note pondérée maximale : 60", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Ex aequo déposée avant", StringComparison.Ordinal) < text.IndexOf("Ex aequo déposée après", StringComparison.Ordinal));

        // 10,000 and 10,000 DH reach the 20,000 DH envelope exactly: still within it.
        Assert.DoesNotContain("au-delà de l'enveloppe", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_application_s_convention_counts_its_planned_people_and_says_where_it_comes_from()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var association = await factory.SignedInClientAsync("association@portail.test");
        var url = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var counted = RedirectedId(await association.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, "Projet à trois publics", "40 000").With("Form.PlannedWomen", "15").With("Form.PlannedMen", "5"), new("intent", "submit")]));
        var uncounted = RedirectedId(await association.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, "Projet sans public chiffré", "40 000").Where(f => f.Key != "Form.PlannedChildren"), new("intent", "submit")]));
        // No child, as many women as men: a difference instead of the sum would give nobody.
        var adults = RedirectedId(await association.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, "Projet pour adultes", "40 000").With("Form.PlannedChildren", "").With("Form.PlannedWomen", "5").With("Form.PlannedMen", "5"), new("intent", "submit")]));
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        foreach (var id in new[] { counted, uncounted, adults })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await factory.CompletenessAsync(agent, id, "Admissible", "")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await factory.DecideAsync(manager, id, "Accepted", "40 000", "")).StatusCode);
        }

        var conventions = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == counted || a.Id == uncounted || a.Id == adults).OrderBy(a => a.Id)
            .Select(a => new { a.AcknowledgementNumber, a.Convention!.InternalNotes, a.Convention.Projects.Single().BeneficiariesCount }).ToListAsync());
        Assert.Equal(60, conventions[0].BeneficiariesCount);
        Assert.Null(conventions[1].BeneficiariesCount);
        Assert.Equal(10, conventions[2].BeneficiariesCount);
        Assert.Equal($"Préparée à partir de la candidature {conventions[0].AcknowledgementNumber}.", conventions[0].InternalNotes);
    }

    [Fact]
    public async Task A_draft_is_neither_checked_nor_decided_and_a_decision_on_a_changed_application_shows_what_changed()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var association = await factory.SignedInClientAsync("association@portail.test");
        var url = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var draft = RedirectedId(await association.PostFormAsync(url, url, [new("Form.ProjectTitle", "Brouillon non déposé"), new("intent", "draft")]));
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        foreach (var (client, action) in new[] { (agent, "Completude"), (manager, "Decision") })
        {
            var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync("/Candidatures"));
            var posted = await client.PostAsync($"/Candidatures/{draft}/{action}", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("Completeness.Version", (await factory.ApplicationVersionAsync(draft)).ToString()),
                 new("Completeness.Verdict", "Admissible"), new("Decision.Version", (await factory.ApplicationVersionAsync(draft)).ToString()), new("Decision.Kind", "Rejected"), new("Decision.Reason", "Non")]));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        Assert.Equal(ApplicationStatus.Draft, await factory.ApplicationStatusAsync(draft));

        var id = await factory.AdmissibleApplicationAsync(call, "Décidée sur une page ancienne", "20 000");
        var opened = await factory.ApplicationVersionAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.DecideAsync(manager, id, "WaitingList", "", "")).StatusCode);
        var stale = await manager.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Decision",
            [new("Decision.Version", opened.ToString()), new("Decision.Kind", "Rejected"), new("Decision.Reason", "Hors sujet")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Matches(@"manager@portail\.test a enregistré cette candidature le \d\d/\d\d/\d{4}, après que vous l'avez ouverte\.", RecordPages.Text(html));
        Assert.Equal([("Statut", "Liste d'attente", "")], RecordPages.ConflictRows(html).Select(r => (r.Field, r.Stored, r.Typed)));
        Assert.Equal(ApplicationStatus.WaitingList, await factory.ApplicationStatusAsync(id));
    }

    [Fact]
    public async Task A_reviewer_reads_their_own_progress_only_and_finds_their_scores_in_the_form_again()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var scored = await factory.AdmissibleApplicationAsync(call, "Notée par la première", "10 000");
        var withdrawn = await factory.AdmissibleApplicationAsync(call, "Quittée par la première", "10 000");
        var untouched = await factory.AdmissibleApplicationAsync(call, "Notée par la seconde seulement", "10 000");
        await factory.AdmissibleApplicationAsync(call, "Encore sans évaluation", "10 000");
        var first = await NewReviewerAsync(factory, "Première évaluatrice");
        var second = await NewReviewerAsync(factory, "Seconde évaluatrice");
        await AssignReviewersAsync(factory, call.Id, first, second);
        var firstClient = await factory.SignedInClientAsync(first);
        var secondClient = await factory.SignedInClientAsync(second);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(firstClient, scored, "NoConflict")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(firstClient, call, scored, [7, 3, 12], "Bien mené")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(firstClient, withdrawn, "Withdrawn")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(secondClient, untouched, "NoConflict")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(secondClient, call, untouched, [1, 1, 1])).StatusCode);

        // Done: the one scored and the one left for a conflict; the second reviewer's work is not the first's.
        var index = RecordPages.Text(await firstClient.PageAsync("/Evaluation"));
        Assert.Contains("4 candidature(s) recevable(s), 2 évaluée(s) par vous", index, StringComparison.Ordinal);
        var rows = System.Text.RegularExpressions.Regex.Replace(RecordPages.Text(await firstClient.PageAsync($"/Evaluation/Appels/{call.Id}")), @"\s+", " ");
        Assert.Contains("Notée par la première notée", rows, StringComparison.Ordinal);
        Assert.Contains("Quittée par la première retiré (conflit d'intérêts)", rows, StringComparison.Ordinal);
        Assert.Contains("Notée par la seconde seulement à faire", rows, StringComparison.Ordinal);
        Assert.Contains("Encore sans évaluation à faire", rows, StringComparison.Ordinal);
        // In the order of their acknowledgement numbers, which is the order they were submitted in.
        List<string> submitted = ["Notée par la première notée", "Quittée par la première retiré", "Notée par la seconde seulement", "Encore sans évaluation"];
        var order = submitted.Select(t => rows.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.Equal(order.Order(), order);

        var form = await firstClient.PageAsync($"/Evaluation/Candidatures/{scored}");
        Assert.Equal(["7", "3", "12"], Enumerable.Range(0, 3).Select(i => RecordPages.InputValue(form, $"Form.Scores[{i}].Score")));
        Assert.Equal("Bien mené", RecordPages.InputValue(form, "Form.Scores[0].Comment"));
    }

    [Fact]
    public async Task A_reviewer_s_calls_are_listed_newest_year_first_then_by_reference()
    {
        var reviewer = await NewReviewerAsync(factory, "Évaluatrice de trois appels");
        var calls = new List<(int Year, string Reference)> { (2025, "EVAL-B"), (2026, "EVAL-C"), (2025, "EVAL-A") };
        var suffix = Guid.NewGuid().ToString("N")[..6];
        foreach (var (year, reference) in calls)
        {
            var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
            await factory.WithDbAsync(db => db.Calls.Where(c => c.Id == call.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(c => c.Year, year).SetProperty(c => c.Reference, $"{reference}-{suffix}")));
            await AssignReviewersAsync(factory, call.Id, reviewer);
        }

        var index = RecordPages.Text(await (await factory.SignedInClientAsync(reviewer)).PageAsync("/Evaluation"));
        List<string> expected = ["EVAL-C", "EVAL-A", "EVAL-B"];
        var positions = expected.Select(r => index.IndexOf($"{r}-{suffix}", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task The_staff_forms_open_on_the_current_version_with_the_amount_asked_and_the_call_filter_lists_calls_with_applications()
    {
        await factory.WithDbAsync(async db =>
        {
            var domain = await db.Domains.OrderBy(d => d.DisplayOrder).FirstAsync();
            db.Calls.AddRange(
                new CallForProjects { Reference = "SF-B", Title = "Sans candidature", Year = 2098, Status = CallForProjectsStatus.Open, Domains = [domain] });
            await db.SaveChangesAsync();
        });
        var older = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var submitted = await factory.SubmitApplicationAsync(older, "À vérifier", "12 000");
        var admissible = await factory.AdmissibleApplicationAsync(older, "Montant proposé d'office", "32 500");
        // A call of an earlier year than the demo's open call: the filter lists the newest year first.
        await factory.WithDbAsync(db => db.Calls.Where(c => c.Id == older.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.Year, 2024)));
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var manager = await factory.SignedInClientAsync("manager@portail.test");

        var check = await agent.PageAsync($"/Candidatures/{submitted}");
        Assert.Equal((await factory.ApplicationVersionAsync(submitted)).ToString(), RecordPages.InputValue(check, "Completeness.Version"));
        var decide = await manager.PageAsync($"/Candidatures/{admissible}");
        Assert.Equal(((await factory.ApplicationVersionAsync(admissible)).ToString(), "32 500"),
            (RecordPages.InputValue(decide, "Decision.Version"), Spaced(RecordPages.InputValue(decide, "Decision.GrantedAmount"))));

        var list = await agent.PageAsync("/Candidatures");
        var calls = RecordPages.Options(list, "call");
        Assert.Contains($"{older.Reference} · Appel de test {older.Reference}", calls);
        Assert.DoesNotContain(calls, c => c.StartsWith("SF-B", StringComparison.Ordinal));
        var years = await factory.WithDbAsync(db => db.Calls.Where(c => c.Applications.Any()).ToDictionaryAsync(c => c.Reference + " · " + c.Title, c => (c.Year, c.Reference)));
        var listed = calls.Where(years.ContainsKey).Select(c => years[c]).ToList();
        Assert.Equal(listed.OrderByDescending(c => c.Year).ThenBy(c => c.Reference, StringComparer.Ordinal), listed);
        Assert.Equal(years.Count, listed.Count);
        Assert.Contains(listed, c => c.Year == 2024);
        Assert.Contains(listed, c => c.Year > 2024);
    }
}
