using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>From a submitted application to the decision: completeness, reviews, ranking, acceptance into a draft convention.</summary>
public sealed class SelectionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Association = "association@portail.test";
    private const string Reviewer = "evaluateur@portail.test";

    private static readonly (string, int, int)[] Grid = [("Pertinence", 3, 10), ("Capacité", 2, 5), ("Budget", 1, 20)];

    [Fact]
    public async Task An_incomplete_application_is_completed_and_resubmitted_with_the_exchange_kept_as_a_thread()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await SubmitAsync(call, "Projet à compléter", "80 000");
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var mailsBefore = (await MailsAsync(factory)).Count;

        // Incomplete without a message: refused, nothing changes.
        var empty = await CompletenessAsync(agent, id, "Incomplete", "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Dites à l'association ce qui manque à sa candidature.", await TextAsync(empty), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Submitted, await StatusAsync(id));

        var incomplete = await CompletenessAsync(agent, id, "Incomplete", "Joignez le budget détaillé des locaux.");
        Assert.Equal(HttpStatusCode.Redirect, incomplete.StatusCode);
        Assert.Equal(ApplicationStatus.Incomplete, await StatusAsync(id));
        var notice = Assert.Single((await MailsAsync(factory)).Skip(mailsBefore), m => m.IsTo(Association));
        Assert.Contains("Joignez le budget détaillé des locaux.", notice.TextBody, StringComparison.Ordinal);

        // The association sees the message, completes and submits again, with its answer.
        var association = await factory.SignedInClientAsync(Association);
        var url = $"/MonEspace/Candidatures/{id}";
        var page = await PageAsync(association, url);
        Assert.Contains("Joignez le budget détaillé des locaux.", page, StringComparison.Ordinal);
        Assert.Contains("name=\"intent\"", page, StringComparison.Ordinal);
        var number = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.AcknowledgementNumber).SingleAsync());
        var resubmitted = await association.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, "Projet à compléter", "80 000", "30 000"), new("Form.Version", (await VersionAsync(id)).ToString()),
             new("Form.Reply", "Budget des locaux ajouté."), new("intent", "submit")]);
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);

        var stored = await factory.WithDbAsync(db => db.Applications.Include(a => a.Messages).SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal(number, stored.AcknowledgementNumber);
        Assert.Equal([ApplicationMessageKind.IncompleteNotice, ApplicationMessageKind.Resubmission], stored.Messages.OrderBy(m => m.Id).Select(m => m.Kind));
        var thread = await PageAsync(agent, $"/Candidatures/{id}");
        Assert.Contains("Joignez le budget détaillé des locaux.", thread, StringComparison.Ordinal);
        Assert.Contains("Budget des locaux ajouté.", thread, StringComparison.Ordinal);

        var admissible = await CompletenessAsync(agent, id, "Admissible", "");
        Assert.Equal(HttpStatusCode.Redirect, admissible.StatusCode);
        Assert.Equal(ApplicationStatus.Admissible, await StatusAsync(id));
    }

    [Fact]
    public async Task A_reviewer_gets_nothing_of_a_call_they_are_not_assigned_to()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await AdmissibleAsync(call, "Projet d'un autre appel", "50 000");
        var reviewer = await factory.SignedInClientAsync(Reviewer);

        Assert.DoesNotContain(call.Reference, await PageAsync(reviewer, "/Evaluation"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/Evaluation/Appels/{call.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/Evaluation/Candidatures/{id}")).StatusCode);
        var declare = await reviewer.PostFormAsync("/Evaluation", $"/Evaluation/Candidatures/{id}/Declaration", [new("conflict", "NoConflict")]);
        Assert.Equal(HttpStatusCode.NotFound, declare.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ScoreAsync(reviewer, call, id, [5, 3, 10])).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reviews.CountAsync(r => r.ApplicationId == id)));

        // Once assigned, the same pages open.
        await AssignAsync(call, Reviewer);
        Assert.Contains(call.Reference, await PageAsync(reviewer, "/Evaluation"), StringComparison.Ordinal);
        Assert.Contains("Projet d'un autre appel", await PageAsync(reviewer, $"/Evaluation/Appels/{call.Id}"), StringComparison.Ordinal);
    }

    private const string WithdrawnSummary = "Le formulaire contient des erreurs ; rien n'a été enregistré. Vous vous êtes retiré de l'évaluation de cette candidature.";

    [Fact]
    public async Task A_reviewer_who_withdraws_for_a_conflict_of_interest_no_longer_counts_and_cannot_score()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await AdmissibleAsync(call, "Projet à conflit", "50 000");
        await AssignAsync(call, Reviewer);
        var reviewer = await factory.SignedInClientAsync(Reviewer);

        // Scoring before declaring is refused.
        var early = await ScoreAsync(reviewer, call, id, [8, 4, 10]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Déclarez d'abord", await TextAsync(early), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(reviewer, id, "NoConflict")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(reviewer, call, id, [8, 4, 10])).StatusCode);
        Assert.Equal("1", (await RankingRowAsync(call, id)).Reviews);

        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(reviewer, id, "Withdrawn")).StatusCode);
        var review = await factory.WithDbAsync(db => db.Reviews.Include(r => r.Scores).SingleAsync(r => r.ApplicationId == id));
        Assert.Equal(ReviewConflict.Withdrawn, review.Conflict);
        Assert.Empty(review.Scores);
        Assert.Equal("0", (await RankingRowAsync(call, id)).Reviews);

        var after = await ScoreAsync(reviewer, call, id, [1, 1, 1]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        Assert.Equal(WithdrawnSummary, Records.RecordPages.ErrorSummary(await TextAsync(after)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ReviewScores.CountAsync(s => s.ReviewId == review.Id)));
        var again = await DeclareAsync(reviewer, id, "NoConflict");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(WithdrawnSummary, Records.RecordPages.ErrorSummary(await TextAsync(again)));
        Assert.Equal(ReviewConflict.Withdrawn, await factory.WithDbAsync(db => db.Reviews.Where(r => r.Id == review.Id).Select(r => r.Conflict).SingleAsync()));
    }

    [Fact]
    public async Task The_ranking_gives_each_applications_weighted_average_reviews_spread_and_running_total_against_the_envelope()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, 150_000_00, Grid);
        var first = await AdmissibleAsync(call, "Classement A", "70 000");
        var second = await AdmissibleAsync(call, "Classement B", "90 000");
        var unreviewed = await AdmissibleAsync(call, "Classement C", "10 000");
        var reviewers = new[] { Reviewer, await NewReviewerAsync() };
        await AssignAsync(call, reviewers);

        int[][] firstScores = [[9, 5, 18], [7, 3, 10]];
        int[][] secondScores = [[5, 2, 10], [6, 4, 12]];
        for (var r = 0; r < reviewers.Length; r++)
        {
            var client = await factory.SignedInClientAsync(reviewers[r]);
            foreach (var (id, scores) in new[] { (first, firstScores[r]), (second, secondScores[r]) })
            {
                Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(client, id, "NoConflict")).StatusCode);
                Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(client, call, id, scores)).StatusCode);
            }
        }

        // Expected values from the grid and the scores written above.
        decimal Total(int[] s) => Grid.Select((c, i) => (decimal)c.Item2 * s[i]).Sum();
        var firstTotals = firstScores.Select(Total).ToList();
        var secondTotals = secondScores.Select(Total).ToList();
        var staff = await factory.SignedInClientAsync("manager@portail.test");
        var page = await PageAsync(staff, $"/Selection/Classement/{call.Id}");
        var rows = RankingRows(page);

        var (firstAverage, secondAverage) = (firstTotals.Average(), secondTotals.Average());
        var order = firstAverage >= secondAverage ? new[] { first, second, unreviewed } : [second, first, unreviewed];
        Assert.Equal(order, rows.Select(r => r.Id));
        // Each row opens its application.
        Assert.Contains($"href=\"/Candidatures/{first}\"", page, StringComparison.Ordinal);
        var byId = rows.ToDictionary(r => r.Id);
        Assert.Equal(firstAverage.ToString("0.00", CultureInfo.InvariantCulture), byId[first].Average);
        Assert.Equal(secondAverage.ToString("0.00", CultureInfo.InvariantCulture), byId[second].Average);
        Assert.Equal((firstTotals.Max() - firstTotals.Min()).ToString("0.##", CultureInfo.InvariantCulture), byId[first].Spread);
        Assert.Equal((secondTotals.Max() - secondTotals.Min()).ToString("0.##", CultureInfo.InvariantCulture), byId[second].Spread);
        Assert.Equal("2", byId[first].Reviews);
        Assert.Equal("0", byId[unreviewed].Reviews);
        Assert.Equal("—", byId[unreviewed].Average);

        var requested = new Dictionary<int, long> { [first] = 70_000_00, [second] = 90_000_00, [unreviewed] = 10_000_00 };
        long running = 0;
        foreach (var id in order)
        {
            running += requested[id];
            Assert.Equal(running, byId[id].Running);
            Assert.Equal(running > 150_000_00, byId[id].Beyond);
        }
    }

    [Fact]
    public async Task Accepting_creates_a_prefilled_draft_convention_with_the_decision_and_its_mail_in_one_save()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await AdmissibleAsync(call, "Projet retenu", "60 000");
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var conventionsBefore = await factory.WithDbAsync(db => db.Conventions.CountAsync());
        var mailsBefore = (await MailsAsync(factory)).Count;

        // Above the amount requested: refused, nothing of it saved.
        var tooMuch = await DecideAsync(manager, id, "Accepted", "60 000,01", "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        // A decision on a version someone else changed meanwhile: refused too.
        var stale = await manager.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Decision",
            [new("Decision.Version", Guid.NewGuid().ToString()), new("Decision.Kind", "Accepted"), new("Decision.GrantedAmount", "50 000")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Equal(conventionsBefore, await factory.WithDbAsync(db => db.Conventions.CountAsync()));
        Assert.Equal(ApplicationStatus.Admissible, await StatusAsync(id));
        Assert.Equal(mailsBefore, (await MailsAsync(factory)).Count);

        // An agent records but does not decide.
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var refused = await agent.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Decision", [new("Decision.Kind", "Accepted")]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var accepted = await DecideAsync(manager, id, "Accepted", "55 000", "");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var application = await factory.WithDbAsync(db => db.Applications.SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        Assert.Equal(55_000_00, application.GrantedAmountCentimes);
        var convention = await factory.WithDbAsync(db => db.Conventions.Include(c => c.Projects).SingleAsync(c => c.Id == application.ConventionId));
        Assert.Equal(ConventionStatus.Draft, convention.Status);
        Assert.Equal(application.AssociationId, convention.AssociationId);
        Assert.Equal(call.Id, convention.CallForProjectsId);
        Assert.Equal(2026, convention.BudgetYear);
        Assert.Equal(55_000_00, convention.TotalCentimes);
        var project = Assert.Single(convention.Projects);
        Assert.Equal(("Projet retenu", 55_000_00L, call.DomainId, "Salé"), (project.Title, project.AmountCentimes, project.DomainId, project.City));

        var mail = Assert.Single((await MailsAsync(factory)).Skip(mailsBefore), m => m.IsTo(Association));
        Assert.Contains("retenue", mail.TextBody, StringComparison.Ordinal);

        // The association reads the amount granted on its application's page.
        var own = Spaced(await PageAsync(await factory.SignedInClientAsync(Association), $"/MonEspace/Candidatures/{id}"));
        Assert.Contains("Montant accordé : " + Spaced(PartnershipPortal.Web.Infrastructure.Formatting.PortalFormat.Dirhams(55_000_00, "fr")), own, StringComparison.Ordinal);
        Assert.Contains(PartnershipPortal.Web.Infrastructure.Formatting.PortalFormat.Dirhams(55_000_00, "fr"), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_association_sees_statuses_and_decisions_but_never_reviewers_scores_or_comments()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await AdmissibleAsync(call, "Projet non retenu", "40 000");
        await AssignAsync(call, Reviewer);
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        await DeclareAsync(reviewer, id, "NoConflict");
        await ScoreAsync(reviewer, call, id, [3, 2, 7], "Commentaire-secret-de-l-evaluateur");
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var mailsBefore = (await MailsAsync(factory)).Count;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await DecideAsync(manager, id, "Rejected", "", "")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(manager, id, "Rejected", "", "Budget insuffisamment détaillé.")).StatusCode);

        var association = await factory.SignedInClientAsync(Association);
        var page = await PageAsync(association, $"/MonEspace/Candidatures/{id}");
        var list = await PageAsync(association, "/MonEspace/Appels");
        var mail = Assert.Single((await MailsAsync(factory)).Skip(mailsBefore), m => m.IsTo(Association));
        Assert.Contains("Non retenue", page, StringComparison.Ordinal);
        Assert.Contains("Budget insuffisamment détaillé.", page, StringComparison.Ordinal);
        Assert.Contains("Budget insuffisamment détaillé.", mail.TextBody, StringComparison.Ordinal);
        foreach (var text in new[] { page, list, mail.TextBody })
        {
            Assert.DoesNotContain("Commentaire-secret-de-l-evaluateur", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Évaluateur de démonstration", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Reviewer, text, StringComparison.Ordinal);
            Assert.DoesNotContain("total pondéré", text, StringComparison.Ordinal);
        }

        // The grid is public (the open calls list shows it); how it scored this application is not.
        Assert.DoesNotContain("Pertinence", page, StringComparison.Ordinal);

        // Staff do see them.
        Assert.Contains("Commentaire-secret-de-l-evaluateur", await PageAsync(manager, $"/Candidatures/{id}"), StringComparison.Ordinal);
    }

    private sealed record RankingLine(int Id, string Average, string Reviews, string Spread, long Running, bool Beyond);

    private static List<RankingLine> RankingRows(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<tr data-application=\"(\\d+)\" class=\"([^\"]*)\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => new RankingLine(
                int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                Cell(m.Groups[3].Value, "data-average"), Cell(m.Groups[3].Value, "data-reviews"), Cell(m.Groups[3].Value, "data-spread"),
                long.Parse(System.Text.RegularExpressions.Regex.Match(m.Groups[3].Value, "data-running=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture),
                m.Groups[2].Value.Contains("table-warning", StringComparison.Ordinal)))
            .ToList();

    private static string Cell(string row, string attribute) =>
        System.Text.RegularExpressions.Regex.Match(row, attribute + ">([^<]*)<").Groups[1].Value.Trim();

    private async Task<RankingLine> RankingRowAsync(TestCall call, int id)
    {
        var staff = await factory.SignedInClientAsync("admin@portail.test");
        return Assert.Single(RankingRows(await PageAsync(staff, $"/Selection/Classement/{call.Id}")), r => r.Id == id);
    }

    private Task<int> SubmitAsync(TestCall call, string title, string requested) => factory.SubmitApplicationAsync(call, title, requested);

    private Task<int> AdmissibleAsync(TestCall call, string title, string requested) => factory.AdmissibleApplicationAsync(call, title, requested);

    private Task<HttpResponseMessage> CompletenessAsync(HttpClient client, int id, string verdict, string message) => factory.CompletenessAsync(client, id, verdict, message);

    private Task<HttpResponseMessage> DecideAsync(HttpClient client, int id, string kind, string amount, string reason) => factory.DecideAsync(client, id, kind, amount, reason);

    private static Task<HttpResponseMessage> DeclareAsync(HttpClient client, int id, string conflict) => ApplicationTestKit.DeclareAsync(client, id, conflict);

    private Task<HttpResponseMessage> ScoreAsync(HttpClient client, TestCall call, int id, int[] scores, string? comment = null) => factory.ScoreAsync(client, call, id, scores, comment);

    private Task AssignAsync(TestCall call, params string[] emails) => AssignReviewersAsync(factory, call.Id, emails);

    private Task<string> NewReviewerAsync() => ApplicationTestKit.NewReviewerAsync(factory);

    private Task<ApplicationStatus> StatusAsync(int id) => factory.ApplicationStatusAsync(id);

    private Task<Guid> VersionAsync(int id) => factory.ApplicationVersionAsync(id);
}
