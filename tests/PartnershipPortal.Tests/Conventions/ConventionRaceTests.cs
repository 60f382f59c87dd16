using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>
/// What a status change, an amendment or a notes save does when someone else writes the convention after the
/// request's checks passed: it changes nothing and says so, or answers 404 when the convention is gone.
/// </summary>
public sealed class ConventionRaceTests(InterlopedPortalFactory factory) : IClassFixture<InterlopedPortalFactory>
{
    private const string Interloper = "admin@portail.test";

    /// <summary>The load of <c>AmendAsync</c>: the only query of an amendment's POST that joins the amendments to the convention.</summary>
    private static readonly string[] AmendmentLoad = ["FROM \"Conventions\"", "JOIN \"ConventionAmendments\""];

    /// <summary>
    /// A convention read with its projects: an edit's POST reads it so for the page's check, then again for its save
    /// (the second occurrence).
    /// </summary>
    private static readonly string[] ConventionWithProjects = ["FROM \"Conventions\"", "JOIN \"Projects\""];

    private static Func<PortalDbContext, Task> NotesWrittenMeanwhile(int id) => db => db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
        .SetProperty(c => c.InternalNotes, "Note écrite entre-temps").SetProperty(c => c.UpdatedBy, Interloper).SetProperty(c => c.Version, Guid.NewGuid()));

    private static Func<PortalDbContext, Task> Deleted(int id) => async db =>
    {
        await db.Projects.Where(p => p.ConventionId == id).ExecuteDeleteAsync();
        await db.Conventions.Where(c => c.Id == id).ExecuteDeleteAsync();
    };

    private static Task<HttpResponseMessage> AmendAmountAsync(HttpClient client, Convention convention, string amount)
    {
        var project = convention.Projects.Single();
        static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        return PostAsync(client, $"/Conventions/Amend/{convention.Id}",
            ("Form.Version", convention.Version.ToString()), ("Amendment.Date", $"{convention.BudgetYear}-06-01"), ("Amendment.Reason", "Montant revu"),
            ("Form.Lines.Index", "a"), ("Form.Lines[a].Key", "a"), ("Form.Lines[a].Id", project.Id.ToString(CultureInfo.InvariantCulture)),
            ("Form.Lines[a].Title", project.Title), ("Form.Lines[a].DomainId", project.DomainId.ToString(CultureInfo.InvariantCulture)), ("Form.Lines[a].City", project.City),
            ("Form.Lines[a].Amount", amount), ("Form.Lines[a].Status", project.Status.ToString()),
            ("Form.Lines[a].StartDate", Day(project.StartDate)), ("Form.Lines[a].EndDate", Day(project.EndDate)));
    }

    [Fact]
    public async Task A_status_change_overtaken_between_its_checks_and_its_save_is_refused_and_changes_nothing()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2096, ConventionStatus.Signed, new Line("Université populaire", 18_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeSaving(id, NotesWrittenMeanwhile(id));

        var response = await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Start", ("Version", before.Version.ToString()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("La convention a été modifiée par quelqu'un d'autre depuis que vous avez ouvert cette page. Rien n'a été changé : revenez à la convention et recommencez.",
            await TextAsync(response), StringComparison.Ordinal);
        var after = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Signed, "Note écrite entre-temps", Interloper), (after.Status, after.InternalNotes, after.UpdatedBy));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Transition && a.EntityId == id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task An_amendment_overtaken_between_its_checks_and_its_save_shows_what_is_stored_and_saves_nothing()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2096, ConventionStatus.Signed, new Line("Chantier de jeunes", 18_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeSaving(id, NotesWrittenMeanwhile(id));

        var response = await AmendAmountAsync(agent, before, "20 000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enregistrement refusé : quelqu'un d'autre a modifié cette fiche", RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Contains(("Notes internes", "Note écrite entre-temps", ""), RecordPages.ConflictRows(html));
        var after = await LoadAsync(factory, id);
        Assert.Equal(after.Version.ToString(), RecordPages.InputValue(html, "Form.Version"));
        Assert.Equal((0, 18_000_00L, 18_000_00L), (after.Amendments.Count, after.TotalCentimes, after.Projects.Single().AmountCentimes));
    }

    [Fact]
    public async Task An_amendment_of_a_convention_completed_meanwhile_is_refused_for_its_status()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2097, ConventionStatus.InProgress, new Line("Marché solidaire", 18_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeReading(AmendmentLoad, db => db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, ConventionStatus.Completed).SetProperty(c => c.Version, Guid.NewGuid())));

        var response = await AmendAmountAsync(agent, before, "20 000");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Une convention au statut « Achevée » ne reçoit plus d'avenant. Rien n'a été changé.", await TextAsync(response), StringComparison.Ordinal);
        var after = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Completed, 0, 18_000_00L), (after.Status, after.Amendments.Count, after.TotalCentimes));
    }

    [Fact]
    public async Task An_amendment_of_a_convention_deleted_meanwhile_answers_not_found()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2097, ConventionStatus.Signed, new Line("Café associatif", 18_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeReading(AmendmentLoad, Deleted(id));

        var response = await AmendAmountAsync(agent, before, "20 000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == id)));
    }

    [Fact]
    public async Task Notes_of_a_convention_deleted_while_they_are_saved_answer_not_found()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2097, ConventionStatus.Signed, new Line("Fanfare", 18_000_00));
        var before = await LoadAsync(factory, id);

        // The save's own load reads the whole convention; the page read before it (the notes page's) reads no budget year.
        factory.BeforeReading(["FROM \"Conventions\"", "\"BudgetYear\"", "\"InternalNotes\""], Deleted(id));
        var response = await PostAsync(agent, $"/Conventions/Notes/{id}", ("Version", before.Version.ToString()), ("InternalNotes", "Trop tard"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == id)));
    }

    [Fact]
    public async Task An_edit_overtaken_between_its_check_and_its_write_shows_the_comparison_and_keeps_the_other_save()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2097, ConventionStatus.Draft, new Line("Projet disputé", 1_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeSaving(id, NotesWrittenMeanwhile(id));

        var response = await PostAsync(agent, $"/Conventions/Edit/{id}", [.. EditFields(before), ("Form.InternalNotes", "Note de l'agent")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{Interloper} a enregistré la convention {before.Reference} le ", Regex.Replace(RecordPages.Text(html), @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains(("Notes internes", "Note écrite entre-temps", "Note de l'agent"), RecordPages.ConflictRows(html));
        var after = await LoadAsync(factory, id);
        Assert.Equal(("Note écrite entre-temps", Interloper), (after.InternalNotes, after.UpdatedBy));
    }

    [Fact]
    public async Task An_edit_of_a_draft_deleted_between_its_check_and_its_write_answers_not_found_and_writes_nothing_again()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2097, ConventionStatus.Draft, new Line("Projet supprimé", 1_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeSaving(id, Deleted(id));

        var response = await PostAsync(agent, $"/Conventions/Edit/{id}", [.. EditFields(before), ("Form.InternalNotes", "Écrite trop tard")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == id)));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.ConventionId == id)));
    }

    [Fact]
    public async Task An_edit_of_a_draft_signed_after_the_page_s_checks_is_refused_for_its_status_and_saves_nothing()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2098, ConventionStatus.Draft, new Line("Projet signé entre-temps", 1_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeReading(ConventionWithProjects, db => db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, ConventionStatus.Signed).SetProperty(c => c.SigningDate, new DateOnly(2098, 3, 1))
            .SetProperty(c => c.Version, Guid.NewGuid())), occurrence: 2);

        var response = await PostAsync(agent, $"/Conventions/Edit/{id}", [.. EditFields(before), ("Form.InternalNotes", "Écrite trop tard")]);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Cette convention est signée : ses projets et ses montants ne changent plus que par un avenant. Rien n'a été enregistré.",
            await TextAsync(response), StringComparison.Ordinal);
        var after = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Signed, before.InternalNotes, 1_000_00L), (after.Status, after.InternalNotes, after.TotalCentimes));
    }

    [Fact]
    public async Task An_edit_of_a_draft_deleted_after_the_page_s_checks_answers_not_found_and_writes_nothing()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2098, ConventionStatus.Draft, new Line("Projet retiré entre-temps", 1_000_00));
        var before = await LoadAsync(factory, id);
        factory.BeforeReading(ConventionWithProjects, Deleted(id), occurrence: 2);

        var response = await PostAsync(agent, $"/Conventions/Edit/{id}", [.. EditFields(before), ("Form.InternalNotes", "Écrite trop tard")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == id)));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.ConventionId == id)));
    }

    /// <summary>The edit form of <paramref name="convention"/> as its page posts it, unchanged.</summary>
    private static IEnumerable<(string Key, string Value)> EditFields(Convention convention)
    {
        var project = convention.Projects.Single();
        return Records.ConventionScreenTests.Fields(convention.AssociationId, convention.BudgetYear, project.DomainId, null,
                new Records.ConventionScreenTests.Line("p", project.Title, PartnershipPortal.Web.Infrastructure.Formatting.AmountInput.ForInput(project.AmountCentimes), project.Id))
            .Append(("Form.Version", convention.Version.ToString()));
    }
}
