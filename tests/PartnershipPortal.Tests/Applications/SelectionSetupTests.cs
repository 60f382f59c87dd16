using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>The administrator's preparation of a call's selection, and the demo data of issue 17.</summary>
public sealed class SelectionSetupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_administrator_defines_the_grid_and_assigns_reviewers_and_only_a_reviewer_account_can_be_assigned()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var setup = $"/Selection/Preparation/{call.Id}";

        // A row without its maximum: refused, no criterion saved.
        var partial = await admin.PostFormAsync(setup, $"/Selection/Grille/{call.Id}",
            [new("Grid.Rows[0].Label", "Innovation"), new("Grid.Rows[0].Weight", "2"), new("Grid.Rows[1].Label", "Impact"), new("Grid.Rows[1].Weight", "3")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, partial.StatusCode);
        Assert.Contains("Chaque critère a un intitulé, un coefficient et une note maximale.", await TextAsync(partial), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ScoringCriteria.CountAsync(c => c.CallForProjectsId == call.Id)));

        var grid = await admin.PostFormAsync(setup, $"/Selection/Grille/{call.Id}",
            [new("Grid.Rows[0].Label", "Innovation"), new("Grid.Rows[0].Weight", "2"), new("Grid.Rows[0].Maximum", "10"),
             new("Grid.Rows[1].Label", "Impact"), new("Grid.Rows[1].Weight", "3"), new("Grid.Rows[1].Maximum", "5")]);
        Assert.Equal(HttpStatusCode.Redirect, grid.StatusCode);
        var criteria = await factory.WithDbAsync(db => db.ScoringCriteria.Where(c => c.CallForProjectsId == call.Id).OrderBy(c => c.DisplayOrder)
            .Select(c => new { c.Label, c.Weight, c.Maximum }).ToListAsync());
        Assert.Equal([("Innovation", 2, 10), ("Impact", 3, 5)], criteria.Select(c => (c.Label, c.Weight, c.Maximum)));

        var reviewerId = await Security.SecurityTestKit.UserIdAsync(factory, "evaluateur@portail.test");
        var agentId = await Security.SecurityTestKit.UserIdAsync(factory, "agent@portail.test");
        var wrong = await admin.PostFormAsync(setup, $"/Selection/Evaluateurs/{call.Id}", [new("reviewerIds", reviewerId), new("reviewerIds", agentId)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Seul un compte évaluateur peut être affecté à un appel.", await TextAsync(wrong), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ReviewerAssignments.CountAsync(r => r.CallForProjectsId == call.Id)));

        var assigned = await admin.PostFormAsync(setup, $"/Selection/Evaluateurs/{call.Id}", [new("reviewerIds", reviewerId)]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal([reviewerId], await factory.WithDbAsync(db => db.ReviewerAssignments.Where(r => r.CallForProjectsId == call.Id).Select(r => r.UserId).ToListAsync()));
        var reviewer = await factory.SignedInClientAsync("evaluateur@portail.test");
        Assert.Contains(call.Reference, await PageAsync(reviewer, "/Evaluation"), StringComparison.Ordinal);

        // Unassigned again: the call leaves the reviewer's list.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(setup, $"/Selection/Evaluateurs/{call.Id}", [])).StatusCode);
        Assert.DoesNotContain(call.Reference, await PageAsync(reviewer, "/Evaluation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preparation_page_shows_the_saved_grid_keeps_a_refused_one_as_typed_names_the_reviewers_and_adds_to_the_assigned_ones()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, ("Pertinence", 3, 10), ("Capacité", 2, 5));
        var named = await NewReviewerAsync(factory, "Rachida Nommée");
        var unnamed = await NewReviewerAsync(factory, null);
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var setup = $"/Selection/Preparation/{call.Id}";

        var page = await admin.PageAsync(setup);
        Assert.Equal(("Pertinence", "3", "10", "Capacité", "2", "5"), (
            RecordPages.InputValue(page, "Grid.Rows[0].Label"), RecordPages.InputValue(page, "Grid.Rows[0].Weight"), RecordPages.InputValue(page, "Grid.Rows[0].Maximum"),
            RecordPages.InputValue(page, "Grid.Rows[1].Label"), RecordPages.InputValue(page, "Grid.Rows[1].Weight"), RecordPages.InputValue(page, "Grid.Rows[1].Maximum")));
        var text = System.Text.RegularExpressions.Regex.Replace(RecordPages.Text(page), @"\s+", " ");
        Assert.Contains($"Rachida Nommée · {named}", text, StringComparison.Ordinal);
        Assert.Contains($"{unnamed} · {unnamed}", text, StringComparison.Ordinal);
        // Only reviewer accounts are offered: not the agents, managers or administrators.
        Assert.DoesNotContain("agent@portail.test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("manager@portail.test", text, StringComparison.Ordinal);

        // Refused: the page shows what was typed, not the saved grid.
        var refused = await admin.PostFormAsync(setup, $"/Selection/Grille/{call.Id}", [new("Grid.Rows[0].Label", "Ancrage local"), new("Grid.Rows[0].Weight", "4")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var typed = await refused.Content.ReadAsStringAsync();
        Assert.Equal(("Ancrage local", "4", ""), (RecordPages.InputValue(typed, "Grid.Rows[0].Label"), RecordPages.InputValue(typed, "Grid.Rows[0].Weight"), RecordPages.InputValue(typed, "Grid.Rows[0].Maximum")));

        // One reviewer, then a second beside the first.
        var namedId = await Security.SecurityTestKit.UserIdAsync(factory, named);
        var unnamedId = await Security.SecurityTestKit.UserIdAsync(factory, unnamed);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(setup, $"/Selection/Evaluateurs/{call.Id}", [new("reviewerIds", namedId)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(setup, $"/Selection/Evaluateurs/{call.Id}", [new("reviewerIds", namedId), new("reviewerIds", unnamedId)])).StatusCode);
        Assert.Equal(new[] { namedId, unnamedId }.Order(StringComparer.Ordinal),
            (await factory.WithDbAsync(db => db.ReviewerAssignments.Where(r => r.CallForProjectsId == call.Id).Select(r => r.UserId).ToListAsync())).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_call_or_an_application_that_does_not_exist_answers_404_and_nothing_is_saved()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var setup = $"/Selection/Preparation/{call.Id}";
        var missing = await factory.WithDbAsync(db => db.Calls.MaxAsync(c => c.Id)) + 1000;
        var criteriaBefore = await factory.WithDbAsync(db => db.ScoringCriteria.CountAsync());
        var reviewerId = await Security.SecurityTestKit.UserIdAsync(factory, "evaluateur@portail.test");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Selection/Preparation/{missing}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync(setup, $"/Selection/Grille/{missing}",
            [new("Grid.Rows[0].Label", "Innovation"), new("Grid.Rows[0].Weight", "2"), new("Grid.Rows[0].Maximum", "10")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync(setup, $"/Selection/Evaluateurs/{missing}", [new("reviewerIds", reviewerId)])).StatusCode);
        Assert.Equal(criteriaBefore, await factory.WithDbAsync(db => db.ScoringCriteria.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ReviewerAssignments.CountAsync(r => r.CallForProjectsId == missing)));

        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var noApplication = await factory.WithDbAsync(db => db.Applications.MaxAsync(a => a.Id)) + 1000;
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/Candidatures/{noApplication}")).StatusCode);
    }

    [Fact]
    public async Task The_demo_has_an_open_call_with_applications_in_several_states_and_a_reviewer_account_assigned_to_it()
    {
        var demo = await factory.WithDbAsync(db => db.Calls.Where(c => c.Reference == PartnershipPortal.Web.Features.Applications.DemoApplicationsSeeder.CallReference)
            .Select(c => new { c.Id, c.Status, Statuses = c.Applications.Select(a => a.Status).ToList() }).SingleAsync());
        Assert.Equal(CallForProjectsStatus.Open, demo.Status);
        Assert.Superset(new HashSet<ApplicationStatus> { ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Incomplete, ApplicationStatus.Admissible },
            demo.Statuses.ToHashSet());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Conventions.CountAsync(c => c.CallForProjectsId == demo.Id)));

        var reviewer = await factory.SignedInClientAsync("evaluateur@portail.test");
        Assert.Contains(PartnershipPortal.Web.Features.Applications.DemoApplicationsSeeder.CallReference, await PageAsync(reviewer, "/Evaluation"), StringComparison.Ordinal);
        var association = await factory.SignedInClientAsync("association@portail.test");
        Assert.Contains(PartnershipPortal.Web.Features.Applications.DemoApplicationsSeeder.CallReference, await PageAsync(association, "/MonEspace/Appels"), StringComparison.Ordinal);
    }
}
