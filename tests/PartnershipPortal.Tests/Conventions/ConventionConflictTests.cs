using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using Line = PartnershipPortal.Tests.Records.ConventionScreenTests.Line;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>
/// A draft's edit page: its lines read back, the comparison shown when someone else saved first, the field an error
/// belongs to, the deletion's confirmation.
/// </summary>
public sealed class ConventionConflictTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_comparison_shows_each_stored_project_in_order_against_what_was_typed_removed_or_left_out()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var (associationId, domainId, associationName) = await ConventionTestData.FormChoicesAsync(factory);
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. ConventionScreenTests.Fields(associationId, 2076, domainId, null,
            new Line("a", "Premier", "1 000"), new Line("b", "Second", "2 000"), new Line("c", "Troisième", "3 000"))]));
        var p = await ProjectIdsAsync(id);
        var agentPage = await agent.PageAsync($"/Conventions/Edit/{id}");
        var adminPage = await admin.PageAsync($"/Conventions/Edit/{id}");

        // The administrator removes the third project, adds a fourth and writes a message; no internal note.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Conventions/Edit/{id}", [.. ConventionScreenTests.Fields(associationId, 2076, domainId, null,
            new Line("p1", "Premier", "1 000", p["Premier"]), new Line("p2", "Second", "2 000", p["Second"]),
            new Line("p3", "Troisième", "3 000", p["Troisième"], Remove: true), new Line("n", "Quatrième", "4 000"))
            .Append(("Form.Version", RecordPages.InputValue(adminPage, "Form.Version"))).Append(("Form.MessageToAssociation", "Message de l'administrateur"))])).StatusCode);
        var saved = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().SingleAsync(c => c.Id == id));

        // The agent, on the page opened before: the first ticked for removal, the second changed, the third (deleted
        // meanwhile) changed, a new line kept and a new line ticked for removal; the administrator's fourth is not on it.
        var response = await agent.PostAsync($"/Conventions/Edit/{id}", [.. ConventionScreenTests.Fields(associationId, 2076, domainId, null,
            new Line("p1", "Premier", "1 000", p["Premier"], Remove: true), new Line("p2", "Second", "2 500", p["Second"]),
            new Line("p3", "Troisième", "3 500", p["Troisième"]),
            new Line("n1", "Cinquième", "5 000"), new Line("n2", "Jetée", "9 000", Remove: true))
            .Append(("Form.Version", RecordPages.InputValue(agentPage, "Form.Version")))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(
        [
            ("Association", associationName, associationName),
            ("Appel à projets", "Hors appel", "Hors appel"),
            ("Notes internes", "", ""),
            ("Message à l'association", "Message de l'administrateur", ""),
            ("Projet : Premier", "Premier · 1 000 DH · Prévu", "(retiré)"),
            ("Projet : Second", "Second · 2 000 DH · Prévu", "Second · 2 500 DH · Prévu"),
            ("Projet : Quatrième", "Quatrième · 4 000 DH · Prévu", "(absent de votre saisie)"),
            ("Projet : Troisième", "(supprimé entre-temps)", "Troisième · 3 500 DH · Prévu"),
            ("Nouveau projet : Cinquième", "", "Cinquième · 5 000 DH · Prévu"),
            ("Montant total", "7 000 DH", "11 000 DH"),
        ], RecordPages.ConflictRows(html));
        var message = Regex.Replace(RecordPages.Text(html), @"\s+", " ");
        Assert.Contains($"admin@portail.test a enregistré la convention {saved.Reference} le {saved.UpdatedAtUtc:dd/MM/yyyy} à {saved.UpdatedAtUtc:HH:mm} UTC, après que vous l'avez ouverte.",
            message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_shows_a_message_typed_against_none_stored_an_unknown_association_as_blank_and_each_side_s_call()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var (associationId, domainId, associationName) = await ConventionTestData.FormChoicesAsync(factory);
        var (callOfAdmin, callOfAgent) = await factory.WithDbAsync(async db =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var calls = new[] { new CallForProjects { Reference = $"AAP-2077-{tag}-A", Title = "Appel retenu", Year = 2077 },
                new CallForProjects { Reference = $"AAP-2077-{tag}-B", Title = "Appel saisi", Year = 2077 } };
            db.Calls.AddRange(calls);
            await db.SaveChangesAsync();
            return (calls[0], calls[1]);
        });
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. ConventionScreenTests.Fields(associationId, 2077, domainId, null,
            new Line("a", "Seul projet", "1 000"))]));
        var projectId = (await ProjectIdsAsync(id))["Seul projet"];
        var agentPage = await agent.PageAsync($"/Conventions/Edit/{id}");
        var adminPage = await admin.PageAsync($"/Conventions/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Conventions/Edit/{id}", [.. ConventionScreenTests.Fields(associationId, 2077, domainId, null,
            new Line("p", "Seul projet", "1 200", projectId)).Append(("Form.Version", RecordPages.InputValue(adminPage, "Form.Version")))
            .Append(("Form.CallForProjectsId", callOfAdmin.Id.ToString(CultureInfo.InvariantCulture)))])).StatusCode);

        var response = await agent.PostAsync($"/Conventions/Edit/{id}", [.. ConventionScreenTests.Fields(987_654, 2077, domainId, null,
            new Line("p", "Seul projet", "1 000", projectId))
            .Append(("Form.Version", RecordPages.InputValue(agentPage, "Form.Version")))
            .Append(("Form.InternalNotes", "Note de l'agent")).Append(("Form.MessageToAssociation", "Message de l'agent"))
            .Append(("Form.CallForProjectsId", callOfAgent.Id.ToString(CultureInfo.InvariantCulture)))]);

        var rows = RecordPages.ConflictRows(await response.Content.ReadAsStringAsync());
        Assert.Equal(("Association", associationName, ""), rows[0]);
        Assert.Equal(("Appel à projets", callOfAdmin.Reference, callOfAgent.Reference), rows[1]);
        Assert.Equal([("Notes internes", "", "Note de l'agent"), ("Message à l'association", "", "Message de l'agent")], rows[2..4]);
        Assert.Equal(associationId, await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).Select(c => c.AssociationId).SingleAsync()));
    }

    [Fact]
    public async Task The_edit_page_reads_back_each_line_in_the_order_it_was_written_under_its_own_key()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId, _) = await ConventionTestData.FormChoicesAsync(factory);
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. ConventionScreenTests.Fields(associationId, 2079, domainId, null,
            new Line("a", "Zèbre", "1 000"), new Line("b", "Alpha", "2 500,50"))]));
        var p = await ProjectIdsAsync(id);

        var html = await agent.PageAsync($"/Conventions/Edit/{id}");

        Assert.Equal([$"p{p["Zèbre"]}", $"p{p["Alpha"]}"], Regex.Matches(html, "name=\"Form.Lines.Index\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Where(k => k != "__key__"));
        Assert.Equal(("Zèbre", "2 500,50"), (RecordPages.InputValue(html, $"Form.Lines[p{p["Zèbre"]}].Title"),
            RecordPages.InputValue(html, $"Form.Lines[p{p["Alpha"]}].Amount").Replace('\u202F', ' ').Replace('\u00A0', ' ')));
        Assert.Equal(p["Alpha"].ToString(CultureInfo.InvariantCulture), RecordPages.InputValue(html, $"Form.Lines[p{p["Alpha"]}].Id"));
    }

    [Fact]
    public async Task An_unknown_domain_or_a_project_of_another_convention_is_shown_at_its_line()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId, _) = await ConventionTestData.FormChoicesAsync(factory);

        var unknownDomain = await (await agent.PostAsync("/Conventions/Create", [.. ConventionScreenTests.Fields(associationId, 2079, 987_654, null,
            new Line("ligne1", "Projet", "1 000"))])).Content.ReadAsStringAsync();
        Assert.Equal("Ce domaine n'existe pas.", FieldError(unknownDomain, "Form.Lines[ligne1].DomainId"));

        var other = await ConventionTestData.AddAsync(factory, 2079, ConventionStatus.Draft, new ConventionTestData.Line("D'une autre", 100_000));
        var otherProject = (await ProjectIdsAsync(other))["D'une autre"];
        var mine = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. ConventionScreenTests.Fields(associationId, 2079, domainId, null,
            new Line("a", "La mienne", "1 000"))]));
        var page = await agent.PageAsync($"/Conventions/Edit/{mine}");
        var foreign = await (await agent.PostAsync($"/Conventions/Edit/{mine}", [.. ConventionScreenTests.Fields(associationId, 2079, domainId, null,
            new Line("x9", "Prise à l'autre", "1 000", otherProject)).Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")))])).Content.ReadAsStringAsync();
        Assert.StartsWith("Ce projet n'appartient pas (ou plus) à cette convention", FieldError(foreign, "Form.Lines[x9].Title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_draft_asks_first_naming_it_with_its_association()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, _, associationName) = await ConventionTestData.FormChoicesAsync(factory);
        var id = await ConventionTestData.AddAsync(factory, 2080, ConventionStatus.Draft, associationId, internalNotes: null, message: null,
            new ConventionTestData.Line("À supprimer", 100_000));
        var reference = await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).Select(c => c.Reference).SingleAsync());

        var html = await agent.PageAsync($"/Conventions/Delete/{id}");

        Assert.Equal("Supprimer la convention", RecordPages.Text(Regex.Match(html, "<h1[^>]*>(.*?)</h1>").Groups[1].Value).Trim());
        Assert.Equal($"{reference} · {associationName}", RecordPages.Text(Regex.Match(html, "<p class=\"lead\">(.*?)</p>").Groups[1].Value).Trim());
        Assert.Contains($"action=\"/Conventions/Delete/{id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_deletes_a_project_ticked_for_removal_and_does_not_add_a_new_line_ticked_for_removal()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId, _) = await ConventionTestData.FormChoicesAsync(factory);
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. ConventionScreenTests.Fields(associationId, 2081, domainId, null,
            new Line("a", "Gardé", "1 000"), new Line("b", "Retiré", "2 000"))]));
        var p = await ProjectIdsAsync(id);
        var page = await agent.PageAsync($"/Conventions/Edit/{id}");

        var response = await agent.PostAsync($"/Conventions/Edit/{id}", [.. ConventionScreenTests.Fields(associationId, 2081, domainId, null,
            new Line("p1", "Gardé", "1 000", p["Gardé"]), new Line("p2", "Retiré", "2 500", p["Retiré"], Remove: true),
            new Line("n1", "Ajouté puis retiré", "4 000", Remove: true), new Line("n2", "Ajouté", "3 000"))
            .Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var projects = await factory.WithDbAsync(db => db.Projects.Where(x => x.ConventionId == id).OrderBy(x => x.Id)
            .Select(x => new { x.Title, x.AmountCentimes }).ToListAsync());
        Assert.Equal([("Gardé", 1_000_00L), ("Ajouté", 3_000_00L)], projects.Select(x => (x.Title, x.AmountCentimes)));
        Assert.Equal(4_000_00L, await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).Select(c => c.TotalCentimes).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(x => x.Id == p["Retiré"])));
    }

    [Fact]
    public async Task Deleting_a_convention_that_does_not_exist_answers_not_found()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var missing = await factory.WithDbAsync(db => db.Conventions.MaxAsync(c => c.Id)) + 1_000;

        var page = await agent.GetAsync($"/Conventions/Delete/{missing}");
        var posted = await agent.PostFormAsync("/Conventions", $"/Conventions/Delete/{missing}", []);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, posted.StatusCode));
    }

    /// <summary>The message under a line's field, where the person typing looks for it.</summary>
    private static string FieldError(string html, string name)
    {
        var field = Regex.Match(html, $"<(input|select)[^>]*name=\"{Regex.Escape(name)}\"[^>]*>.*?<span class=\"invalid-feedback\">(?<error>[^<]*)</span>", RegexOptions.Singleline);
        Assert.True(field.Success, $"No field {name}.");
        Assert.Contains("is-invalid", field.Value[..field.Value.IndexOf('>', StringComparison.Ordinal)], StringComparison.Ordinal);
        return System.Net.WebUtility.HtmlDecode(field.Groups["error"].Value).Trim();
    }

    private Task<Dictionary<string, int>> ProjectIdsAsync(int conventionId) =>
        factory.WithDbAsync(db => db.Projects.Where(p => p.ConventionId == conventionId).ToDictionaryAsync(p => p.Title, p => p.Id));
}
