using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Web.Features.Conventions;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>Each status change through HTTP: allowed ones change the status and are audited, refused ones change nothing.</summary>
public sealed class ConventionTransitionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpResponseMessage> TransitionAsync(HttpClient client, int id, ConventionTransition transition, string? date = null, string? reason = null)
    {
        var version = (await LoadAsync(factory, id)).Version.ToString();
        var fields = new List<(string, string)> { ("Version", version) };
        if (date is not null)
        {
            fields.Add(("Date", date));
        }

        if (reason is not null)
        {
            fields.Add(("Reason", reason));
        }

        return await PostAsync(client, $"/Conventions/Transition/{id}?transition={transition}", [.. fields]);
    }

    private Task<List<AuditEntry>> TransitionAuditAsync(int id) => factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.Action == AuditActions.Transition && a.EntityType == "Convention" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))
        .OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Every_allowed_transition_changes_the_status_and_is_audited_with_who_when_and_why()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var id = await AddAsync(factory, 2061, ConventionStatus.Draft, new Line("Cours d'arabe", 50_000_00));

        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(agent, id, ConventionTransition.Sign, "2061-03-15")).StatusCode);
        var signed = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Signed, new DateOnly(2061, 3, 15)), (signed.Status, signed.SigningDate!.Value));
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(agent, id, ConventionTransition.Start)).StatusCode);
        Assert.Equal(ConventionStatus.InProgress, (await LoadAsync(factory, id)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(agent, id, ConventionTransition.Complete)).StatusCode);
        Assert.Equal(ConventionStatus.Completed, (await LoadAsync(factory, id)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(admin, id, ConventionTransition.Reopen, reason: "Clôturée avant le dernier rapport")).StatusCode);
        Assert.Equal(ConventionStatus.InProgress, (await LoadAsync(factory, id)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(agent, id, ConventionTransition.Terminate, "2061-09-30", "Dissolution de l'association")).StatusCode);
        var terminated = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Terminated, new DateOnly(2061, 9, 30), "Dissolution de l'association"),
            (terminated.Status, terminated.TerminationDate!.Value, terminated.TerminationReason));
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(admin, id, ConventionTransition.Reopen, reason: "Résiliation annulée par le tribunal")).StatusCode);
        var reopened = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.InProgress, (DateOnly?)null), (reopened.Status, reopened.TerminationDate));

        var audit = await TransitionAuditAsync(id);
        Assert.Equal(
            ["agent@portail.test", "agent@portail.test", "agent@portail.test", "admin@portail.test", "agent@portail.test", "admin@portail.test"],
            audit.Select(a => a.UserName));
        Assert.StartsWith("Sign: Draft → Signed · 15/03/2061", audit[0].Details, StringComparison.Ordinal);
        Assert.Equal("Reopen: Completed → InProgress · Clôturée avant le dernier rapport", audit[3].Details);
        Assert.Equal("Terminate: InProgress → Terminated · 30/09/2061 · Dissolution de l'association", audit[4].Details);
        Assert.All(audit, a => Assert.True(a.AtUtc > DateTime.UtcNow.AddHours(-1)));

        // Signed conventions can be terminated at once; a draft can be cancelled, and an administrator can make it a draft again.
        var other = await AddAsync(factory, 2061, ConventionStatus.Signed, new Line("Atelier", 1_000_00));
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(agent, other, ConventionTransition.Terminate, "2061-04-01", "Projet abandonné")).StatusCode);
        Assert.Equal(ConventionStatus.Terminated, (await LoadAsync(factory, other)).Status);
        var draft = await AddAsync(factory, 2061, ConventionStatus.Draft, new Line("Colonie", 2_000_00));
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(agent, draft, ConventionTransition.Cancel)).StatusCode);
        Assert.Equal(ConventionStatus.Cancelled, (await LoadAsync(factory, draft)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(admin, draft, ConventionTransition.Reopen, reason: "Annulée par erreur")).StatusCode);
        Assert.Equal(ConventionStatus.Draft, (await LoadAsync(factory, draft)).Status);
    }

    public static TheoryData<ConventionStatus, ConventionTransition, string> Forbidden()
    {
        var allowed = new HashSet<(ConventionStatus, ConventionTransition)>
        {
            (ConventionStatus.Draft, ConventionTransition.Sign), (ConventionStatus.Draft, ConventionTransition.Cancel),
            (ConventionStatus.Signed, ConventionTransition.Start), (ConventionStatus.Signed, ConventionTransition.Terminate),
            (ConventionStatus.InProgress, ConventionTransition.Complete), (ConventionStatus.InProgress, ConventionTransition.Terminate),
            (ConventionStatus.Completed, ConventionTransition.Reopen), (ConventionStatus.Terminated, ConventionTransition.Reopen),
            (ConventionStatus.Cancelled, ConventionTransition.Reopen),
        };
        var data = new TheoryData<ConventionStatus, ConventionTransition, string>();
        foreach (var status in Enum.GetValues<ConventionStatus>())
        {
            foreach (var transition in Enum.GetValues<ConventionTransition>())
            {
                if (!allowed.Contains((status, transition)))
                {
                    data.Add(status, transition, "admin@portail.test");
                }
                else if (transition == ConventionTransition.Reopen)
                {
                    data.Add(status, transition, "agent@portail.test");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task A_forbidden_transition_posted_by_hand_is_refused_and_changes_nothing(ConventionStatus status, ConventionTransition transition, string user)
    {
        var client = await factory.SignedInClientAsync(user);
        var id = await AddAsync(factory, 2062, status, new Line("Projet figé", 3_000_00));
        var before = await LoadAsync(factory, id);

        var response = await TransitionAsync(client, id, transition, "2062-05-05", "Essai à la main");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains(user.StartsWith("agent", StringComparison.Ordinal) ? "Seul un administrateur peut rouvrir une convention." : "n'est pas possible sur une convention au statut", text, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été changé.", text, StringComparison.Ordinal);
        var after = await LoadAsync(factory, id);
        Assert.Equal((before.Status, before.Version, before.SigningDate, before.TerminationDate), (after.Status, after.Version, after.SigningDate, after.TerminationDate));
        Assert.Empty(await TransitionAuditAsync(id));
    }

    [Fact]
    public async Task Signing_needs_a_date_a_project_that_is_not_cancelled_and_an_active_association()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2063, ConventionStatus.Draft, new Line("Projet", 5_000_00));

        var noDate = await TransitionAsync(client, id, ConventionTransition.Sign);
        Assert.Equal(HttpStatusCode.OK, noDate.StatusCode);
        Assert.Contains("La date de signature est obligatoire.", await TextAsync(noDate), StringComparison.Ordinal);

        var outOfYear = await TransitionAsync(client, id, ConventionTransition.Sign, "2064-01-10");
        Assert.Contains("n'est pas dans l'année budgétaire 2063", await TextAsync(outOfYear), StringComparison.Ordinal);
        Assert.Equal(ConventionStatus.Draft, (await LoadAsync(factory, id)).Status);

        var onlyCancelled = await AddAsync(factory, 2063, ConventionStatus.Draft, new Line("Annulé", 5_000_00, ProjectStatus.Cancelled));
        var refused = await TransitionAsync(client, onlyCancelled, ConventionTransition.Sign, "2063-03-03");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("au moins un projet qui n'est pas annulé", await TextAsync(refused), StringComparison.Ordinal);

        var inactive = await AddAsync(factory, 2063, ConventionStatus.Draft, new Line("Projet", 5_000_00));
        await factory.WithDbAsync(async db =>
        {
            var association = await db.Conventions.Where(c => c.Id == inactive).Select(c => c.Association!).SingleAsync();
            association.Status = AssociationStatus.Inactive;
            await db.SaveChangesAsync();
        });
        var page = RecordPages.Text(await client.PageAsync($"/Conventions/Transition/{inactive}?transition=Sign"));
        Assert.Contains("n'est pas active", page, StringComparison.Ordinal);
        var refusedInactive = await TransitionAsync(client, inactive, ConventionTransition.Sign, "2063-03-03");
        Assert.Equal(HttpStatusCode.Conflict, refusedInactive.StatusCode);
        Assert.Contains("n'est pas active (inactive)", await TextAsync(refusedInactive), StringComparison.Ordinal);
        Assert.All([await LoadAsync(factory, onlyCancelled), await LoadAsync(factory, inactive)], c => Assert.Equal(ConventionStatus.Draft, c.Status));

        // With a reason, a signing date in the next year is accepted (a budget carried over).
        var accepted = await TransitionAsync(client, id, ConventionTransition.Sign, "2064-01-10", "Budget 2063 reporté");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(new DateOnly(2064, 1, 10), (await LoadAsync(factory, id)).SigningDate);
    }

    [Fact]
    public async Task Terminating_needs_a_date_not_before_signature_and_a_reason()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2064, ConventionStatus.InProgress, new Line("Projet", 5_000_00));
        var before = await LoadAsync(factory, id);

        Assert.Contains("Le motif de la résiliation est obligatoire.", await TextAsync(await TransitionAsync(client, id, ConventionTransition.Terminate, "2064-06-01")), StringComparison.Ordinal);
        Assert.Contains("La date de résiliation est obligatoire.", await TextAsync(await TransitionAsync(client, id, ConventionTransition.Terminate, reason: "Motif")), StringComparison.Ordinal);
        Assert.Contains("ne peut pas précéder la date de signature", await TextAsync(await TransitionAsync(client, id, ConventionTransition.Terminate, "2064-01-01", "Motif")), StringComparison.Ordinal);

        var after = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.InProgress, before.Version), (after.Status, after.Version));

        // The signing day itself is not before the signature: a convention may end the day it was signed.
        Assert.Equal(new DateOnly(2064, 2, 1), before.SigningDate);
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(client, id, ConventionTransition.Terminate, "2064-02-01", "Signée par erreur")).StatusCode);
        var terminated = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Terminated, (DateOnly?)new DateOnly(2064, 2, 1)), (terminated.Status, terminated.TerminationDate));
    }

    [Fact]
    public async Task Reopening_needs_a_reason_and_a_completed_convention_s_terms_say_why_they_no_longer_change()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var id = await AddAsync(factory, 2067, ConventionStatus.Completed, new Line("Projet achevé", 5_000_00));
        var before = await LoadAsync(factory, id);

        var noReason = await TransitionAsync(admin, id, ConventionTransition.Reopen);
        Assert.Contains("Le motif de la réouverture est obligatoire.", await TextAsync(noReason), StringComparison.Ordinal);
        Assert.Equal((ConventionStatus.Completed, before.Version), ((await LoadAsync(factory, id)).Status, (await LoadAsync(factory, id)).Version));

        var edit = await admin.GetAsync($"/Conventions/Edit/{id}");
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("Cette convention est achevée : ses projets et ses montants ne changent plus. Rien n'a été enregistré.", await TextAsync(edit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_page_cannot_change_the_status()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2065, ConventionStatus.Signed, new Line("Projet", 5_000_00));

        var response = await PostAsync(client, $"/Conventions/Transition/{id}?transition=Start", ("Version", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("modifiée par quelqu'un d'autre", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(ConventionStatus.Signed, (await LoadAsync(factory, id)).Status);
    }

    [Fact]
    public async Task The_page_offers_the_allowed_actions_as_buttons_and_a_signed_conventions_terms_are_not_edited()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var draft = await AddAsync(factory, 2066, ConventionStatus.Draft, new Line("Projet", 5_000_00));
        var signed = await AddAsync(factory, 2066, ConventionStatus.Signed, new Line("Projet", 5_000_00));
        var completed = await AddAsync(factory, 2066, ConventionStatus.Completed, new Line("Projet", 5_000_00));

        static List<string> Buttons(string html) =>
            [.. System.Text.RegularExpressions.Regex.Matches(html, "data-transition=\"(\\w+)\"").Select(m => m.Groups[1].Value)];
        Assert.Equal(["Sign", "Cancel"], Buttons(await agent.PageAsync($"/Conventions/Details/{draft}")));
        Assert.Equal(["Start", "Terminate"], Buttons(await agent.PageAsync($"/Conventions/Details/{signed}")));
        Assert.Empty(Buttons(await agent.PageAsync($"/Conventions/Details/{completed}")));
        Assert.Equal(["Reopen"], Buttons(await admin.PageAsync($"/Conventions/Details/{completed}")));
        Assert.Empty(Buttons(await manager.PageAsync($"/Conventions/Details/{signed}")));
        Assert.Contains("Résilier", RecordPages.Text(await agent.PageAsync($"/Conventions/Details/{signed}")), StringComparison.Ordinal);

        // The confirmation page, then nothing happens until it is confirmed.
        var confirm = RecordPages.Text(await agent.PageAsync($"/Conventions/Transition/{signed}?transition=Terminate"));
        Assert.Contains("Résilier la convention", confirm, StringComparison.Ordinal);
        Assert.Equal(ConventionStatus.Signed, (await LoadAsync(factory, signed)).Status);

        var before = await LoadAsync(factory, signed);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.GetAsync($"/Conventions/Edit/{signed}")).StatusCode);
        var edit = await PostAsync(agent, $"/Conventions/Edit/{signed}",
            [.. ConventionScreenTests.Fields(before.AssociationId, 2066, before.Projects.Single().DomainId, null,
                new ConventionScreenTests.Line("p" + before.Projects.Single().Id, "Projet gonflé", "999 999", before.Projects.Single().Id)),
             ("Form.Version", before.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("ne changent plus que par un avenant", await TextAsync(edit), StringComparison.Ordinal);
        var after = await LoadAsync(factory, signed);
        Assert.Equal((before.Version, before.TotalCentimes, "Projet"), (after.Version, after.TotalCentimes, after.Projects.Single().Title));

        // What still changes directly: the internal notes and the message to the association.
        var notes = await PostAsync(agent, $"/Conventions/Notes/{signed}",
            ("Version", after.Version.ToString()), ("InternalNotes", "À relancer en juin"), ("MessageToAssociation", "Merci d'envoyer le rapport"));
        Assert.Equal(HttpStatusCode.Redirect, notes.StatusCode);
        var noted = await LoadAsync(factory, signed);
        Assert.Equal(("À relancer en juin", "Merci d'envoyer le rapport", 500_000L), (noted.InternalNotes, noted.MessageToAssociation, noted.TotalCentimes));
    }
}
