using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>
/// What completeness, decisions, the grid and reviews refuse, each with the sentence staff read, and the application as
/// it was. Each test opens a call of its own.
/// </summary>
public sealed class SelectionRefusalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Reviewer = "evaluateur@portail.test";

    private static readonly (string, int, int)[] Grid = [("Pertinence", 3, 10), ("Capacité", 2, 5), ("Budget", 1, 20)];

    [Fact]
    public async Task Completeness_is_checked_on_a_submitted_application_only_and_a_resubmission_without_a_word_is_still_told()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admissible = await factory.AdmissibleApplicationAsync(call, "Déjà recevable", "40 000");

        var again = await factory.CompletenessAsync(agent, admissible, "Incomplete", "Encore une pièce");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("La complétude se vérifie sur une candidature déposée ; celle-ci est « Recevable ».", await TextAsync(again), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Admissible, await factory.ApplicationStatusAsync(admissible));

        var id = await factory.SubmitApplicationAsync(call, "À compléter sans réponse", "40 000");
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CompletenessAsync(agent, id, "Incomplete", "Joignez les statuts.")).StatusCode);
        var association = await factory.SignedInClientAsync("association@portail.test");
        var url = $"/MonEspace/Candidatures/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await association.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, "À compléter sans réponse", "40 000"), new("Form.Version", (await factory.ApplicationVersionAsync(id)).ToString()), new("intent", "submit")])).StatusCode);

        var messages = await factory.WithDbAsync(db => db.ApplicationMessages.Where(m => m.ApplicationId == id).OrderBy(m => m.Id)
            .Select(m => new { m.Kind, m.FromStaff, m.Text }).ToListAsync());
        Assert.Equal([(ApplicationMessageKind.IncompleteNotice, true, "Joignez les statuts."), (ApplicationMessageKind.Resubmission, false, "Candidature complétée et déposée à nouveau.")],
            messages.Select(m => (m.Kind, m.FromStaff, m.Text!)));
    }

    [Fact]
    public async Task A_decision_needs_an_admissible_application_a_positive_amount_within_the_request_and_a_reason_to_reject()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var submitted = await factory.SubmitApplicationAsync(call, "Pas encore examinée", "60 000");

        var early = await factory.DecideAsync(manager, submitted, "Accepted", "10 000", "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Une décision se prend sur une candidature recevable ou en liste d'attente ; celle-ci est « Déposée ».", await TextAsync(early), StringComparison.Ordinal);

        var id = await factory.AdmissibleApplicationAsync(call, "À décider", "60 000");
        foreach (var amount in new[] { "0", "", "beaucoup" })
        {
            var none = await factory.DecideAsync(manager, id, "Accepted", amount, "");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
            Assert.Contains("Indiquez le montant accordé, supérieur à zéro.", await TextAsync(none), StringComparison.Ordinal);
        }

        var tooMuch = await factory.DecideAsync(manager, id, "Accepted", "60 000,01", "");
        Assert.Contains("Le montant accordé (60 000,01 DH) dépasse le montant demandé (60 000 DH).", Spaced(await TextAsync(tooMuch)), StringComparison.Ordinal);
        var noReason = await factory.DecideAsync(manager, id, "Rejected", "", "  ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Donnez le motif du refus : il est envoyé à l'association.", await TextAsync(noReason), StringComparison.Ordinal);
        Assert.Equal((ApplicationStatus.Admissible, (string?)null, (long?)null), await DecisionAsync(id));

        // On the waiting list, then rejected: a reason and no amount, and no convention.
        Assert.Equal(HttpStatusCode.Redirect, (await factory.DecideAsync(manager, id, "WaitingList", "", "")).StatusCode);
        Assert.Equal((ApplicationStatus.WaitingList, (string?)null, (long?)null), await DecisionAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.DecideAsync(manager, id, "Rejected", "", " Budget insuffisant. ")).StatusCode);
        Assert.Equal((ApplicationStatus.Rejected, "Budget insuffisant.", (long?)null), await DecisionAsync(id));
        Assert.Null(await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ConventionId).SingleAsync()));
    }

    [Fact]
    public async Task An_application_without_a_domain_is_not_accepted_into_a_convention()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var id = await factory.AdmissibleApplicationAsync(call, "Domaine retiré", "30 000");
        await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DomainId, (int?)null)));
        var conventions = await factory.WithDbAsync(db => db.Conventions.CountAsync());

        var response = await factory.DecideAsync(manager, id, "Accepted", "30 000", "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("La candidature n'a pas de domaine d'intervention : le projet de convention ne peut pas être préparé.", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal((ApplicationStatus.Admissible, (string?)null, (long?)null), await DecisionAsync(id));
        Assert.Equal(conventions, await factory.WithDbAsync(db => db.Conventions.CountAsync()));
    }

    [Fact]
    public async Task Scores_are_given_again_in_place_and_lock_the_grid_and_a_decided_application_is_no_longer_reviewed()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, Grid);
        var id = await factory.AdmissibleApplicationAsync(call, "Notée deux fois", "20 000");
        await AssignReviewersAsync(factory, call.Id, Reviewer);
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(reviewer, id, "NoConflict")).StatusCode);
        // Each score within its criterion's scale, from 0 to its maximum included: out of it, nothing is saved.
        foreach (var (grid, message) in new (int[], string)[] { ([11, 4, 10], "Notez « Pertinence » entre 0 et 10."), ([10, -1, 10], "Notez « Capacité » entre 0 et 5."), ([10, 5, 21], "Notez « Budget » entre 0 et 20.") })
        {
            var refused = await factory.ScoreAsync(reviewer, call, id, grid);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(message, await TextAsync(refused), StringComparison.Ordinal);
        }

        // A criterion left out of the form is named, as a score out of its scale is.
        var criteria = await factory.WithDbAsync(db => db.ScoringCriteria.Where(c => c.CallForProjectsId == call.Id).OrderBy(c => c.DisplayOrder).Select(c => c.Id).ToListAsync());
        var partial = await reviewer.PostFormAsync("/Evaluation", $"/Evaluation/Candidatures/{id}/Notes",
            [new("Form.Scores[0].CriterionId", criteria[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Scores[0].Score", "5"),
             new("Form.Scores[1].CriterionId", criteria[1].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Scores[1].Score", "5")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, partial.StatusCode);
        Assert.Contains("Notez « Budget » entre 0 et 20.", await TextAsync(partial), StringComparison.Ordinal);

        Assert.False(await factory.WithDbAsync(db => db.ReviewScores.AnyAsync(s => s.Review!.ApplicationId == id)));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(reviewer, call, id, [0, 5, 20], "Aux bornes")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(reviewer, call, id, [8, 4, 10], "Premier avis")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ScoreAsync(reviewer, call, id, [2, 3, 4], " Second avis ")).StatusCode);
        var scores = await factory.WithDbAsync(db => db.ReviewScores.Where(s => s.Review!.ApplicationId == id).OrderBy(s => s.Criterion!.DisplayOrder)
            .Select(s => new { s.Score, s.Comment }).ToListAsync());
        Assert.Equal([(2, "Second avis"), (3, "Second avis"), (4, "Second avis")], scores.Select(s => (s.Score, s.Comment!)));

        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var setup = $"/Selection/Preparation/{call.Id}";
        var locked = await admin.PostFormAsync(setup, $"/Selection/Grille/{call.Id}", [new("Grid.Rows[0].Label", "Nouveau"), new("Grid.Rows[0].Weight", "1"), new("Grid.Rows[0].Maximum", "5")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.StatusCode);
        Assert.Contains("Des évaluateurs ont déjà noté des candidatures de cet appel : la grille ne peut plus changer.", await TextAsync(locked), StringComparison.Ordinal);
        Assert.Equal(["Pertinence", "Capacité", "Budget"], await factory.WithDbAsync(db => db.ScoringCriteria.Where(c => c.CallForProjectsId == call.Id)
            .OrderBy(c => c.DisplayOrder).Select(c => c.Label).ToListAsync()));

        var manager = await factory.SignedInClientAsync("manager@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await factory.DecideAsync(manager, id, "Accepted", "20 000", "")).StatusCode);
        foreach (var late in new[] { await DeclareAsync(reviewer, id, "Withdrawn"), await factory.ScoreAsync(reviewer, call, id, [1, 1, 1]) })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
            Assert.Contains("La sélection de cette candidature est terminée : l'évaluation ne change plus.", await TextAsync(late), StringComparison.Ordinal);
        }

        Assert.Equal([2, 3, 4], await factory.WithDbAsync(db => db.ReviewScores.Where(s => s.Review!.ApplicationId == id).OrderBy(s => s.Score).Select(s => s.Score).ToListAsync()));
    }

    [Fact]
    public async Task A_call_without_a_grid_is_not_scored()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var id = await factory.AdmissibleApplicationAsync(call, "Sans grille", "20 000");
        await AssignReviewersAsync(factory, call.Id, Reviewer);
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await DeclareAsync(reviewer, id, "NoConflict")).StatusCode);

        var response = await factory.ScoreAsync(reviewer, call, id, []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("La grille d'évaluation de cet appel n'est pas encore définie.", await TextAsync(response), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Reviews.Where(r => r.ApplicationId == id).Select(r => r.CompletedAtUtc).SingleAsync()));
    }

    private Task<(ApplicationStatus, string?, long?)> DecisionAsync(int id) => factory.WithDbAsync(async db =>
    {
        var a = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        return (a.Status, a.DecisionReason, a.GrantedAmountCentimes);
    });
}
