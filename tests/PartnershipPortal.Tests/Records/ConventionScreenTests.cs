using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

public sealed class ConventionScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public sealed record Line(string Key, string Title, string Amount, int? Id = null, bool Remove = false, string? End = null);

    [Fact]
    public async Task Create_numbers_the_convention_in_its_year_and_saves_the_exact_sum_of_its_lines()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        // Each year is numbered on from its last convention, whatever this class's other tests recorded before.
        var (last2031, last2018) = await factory.WithDbAsync(async db => (
            await db.Conventions.Where(c => c.BudgetYear == 2031).MaxAsync(c => (int?)c.Sequence) ?? 0,
            await db.Conventions.Where(c => c.BudgetYear == 2018).MaxAsync(c => (int?)c.Sequence) ?? 0));

        var first = await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2031, domainId, "2031-03-02",
            new Line("a1", "Soutien scolaire", "12 500,50"), new Line("a2", "Cours de darija", "1000"))]);
        var second = await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2031, domainId, null,
            new Line("b1", "Colonie", "7 000 DH"))]);
        var next2018 = await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2018, domainId, "2018-12-20",
            new Line("c1", "Aide d'urgence", "3 000"))]);

        var created = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects)
            .Where(c => c.Id == RecordPages.IdFromLocation(first) || c.Id == RecordPages.IdFromLocation(second) || c.Id == RecordPages.IdFromLocation(next2018))
            .OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([$"CONV-2031-{last2031 + 1:000}", $"CONV-2031-{last2031 + 2:000}", $"CONV-2018-{last2018 + 1:000}"], created.Select(c => c.Reference));
        Assert.Equal(1_350_050, created[0].TotalCentimes);
        Assert.Equal([1_250_050L, 100_000L], created[0].Projects.OrderBy(p => p.Id).Select(p => p.AmountCentimes));
        Assert.All(created[0].Projects, p => Assert.Equal(2031, p.BudgetYear));
        Assert.Equal(700_000, created[1].TotalCentimes);
        Assert.Equal("agent@portail.test", created[0].CreatedBy);

        var page = RecordPages.Text(await client.PageAsync($"/Conventions/Details/{created[0].Id}"));
        Assert.Contains(created[0].Reference, page, StringComparison.Ordinal);
        Assert.Contains("13 500,50 DH", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conventions_created_at_the_same_moment_all_get_their_own_number()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        const int count = 8;

        // Tokens first, so that the eight saves leave together.
        var agentToken = HtmlForms.AntiforgeryToken(await agent.PageAsync("/Conventions/Create"));
        var adminToken = HtmlForms.AntiforgeryToken(await admin.PageAsync("/Conventions/Create"));
        var saves = Enumerable.Range(0, count).Select(i =>
        {
            var (client, token) = i % 2 == 0 ? (agent, agentToken) : (admin, adminToken);
            var fields = Fields(associationId, 2032, domainId, null, new Line("x" + i, "Projet simultané " + i, "1 000"))
                .Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
                .Append(new("__RequestVerificationToken", token));
            return client.PostAsync("/Conventions/Create", new FormUrlEncodedContent(fields));
        }).ToList();
        var responses = await Task.WhenAll(saves);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var references = await factory.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => c.BudgetYear == 2032).OrderBy(c => c.Sequence).Select(c => c.Reference).ToListAsync());
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"CONV-2032-{i:000}"), references);
    }

    [Fact]
    public async Task Edit_changes_adds_and_removes_lines_and_keeps_the_total_exact()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var id = RecordPages.IdFromLocation(await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2033, domainId, null,
            new Line("a", "Ligne gardée", "10 000"), new Line("b", "Ligne retirée", "5 000"))]));
        var projects = await factory.WithDbAsync(db => db.Projects.Where(p => p.ConventionId == id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());

        var page = await client.PageAsync($"/Conventions/Edit/{id}");
        Assert.Contains("data-amount", page, StringComparison.Ordinal);
        Assert.Contains("/js/convention-lines.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        // As the browser sends it: the budget year is shown read-only and not posted; a tampered one is ignored.
        var response = await client.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2033, domainId, null,
            new Line("p" + projects[0], "Ligne gardée", "10 250,25", projects[0]),
            new Line("p" + projects[1], "Ligne retirée", "5 000", projects[1], Remove: true),
            new Line("new1", "Ligne ajoutée", "2 000")).Where(f => f.Key != "Form.BudgetYear").Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var convention = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).SingleAsync(c => c.Id == id));
        Assert.Equal(["Ligne gardée", "Ligne ajoutée"], convention.Projects.OrderBy(p => p.Id).Select(p => p.Title));
        Assert.Equal(1_225_025, convention.TotalCentimes);
        Assert.Equal(convention.Projects.Sum(p => p.AmountCentimes), convention.TotalCentimes);
        Assert.All(convention.Projects, p => Assert.Equal(2033, p.BudgetYear));

        page = await client.PageAsync($"/Conventions/Edit/{id}");
        var tampered = await client.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2040, domainId, null,
            new Line("p" + projects[0], "Ligne gardée", "10 250,25", projects[0])).Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")))]);
        Assert.Equal(HttpStatusCode.Redirect, tampered.StatusCode);
        convention = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).SingleAsync(c => c.Id == id));
        Assert.Equal(2033, convention.BudgetYear);
        Assert.StartsWith("CONV-2033-", convention.Reference, StringComparison.Ordinal);
        Assert.All(convention.Projects, p => Assert.Equal(2033, p.BudgetYear));
    }

    [Theory]
    [InlineData("12,5,0", "n'est pas un montant lisible")]
    [InlineData("0", "supérieur à zéro")]
    [InlineData("-300", "n'est pas un montant lisible")]
    [InlineData("100 000 000", "inférieur à 100 000 000 DH")]
    [InlineData("", "Le montant est obligatoire")]
    public async Task A_bad_amount_shows_the_form_again_with_what_was_typed_and_changes_nothing(string amount, string message)
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        // Only a draft's lines are edited directly (a signed convention changes through amendments).
        var draftId = RecordPages.IdFromLocation(await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2037, domainId, null,
            new Line("a", "Premier", "2 000"), new Line("b", "Second", "3 000"))]));
        var before = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).SingleAsync(c => c.Id == draftId));
        var page = await client.PageAsync($"/Conventions/Edit/{before.Id}");
        var lines = before.Projects.OrderBy(p => p.Id).Select((p, i) => new Line("p" + p.Id, "Titre modifié", i == 0 ? amount : "1 000", p.Id)).ToArray();

        var response = await client.PostAsync($"/Conventions/Edit/{before.Id}",
            [.. Fields(associationId, 2037, domainId, null, lines).Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Equal(amount, RecordPages.InputValue(html, $"Form.Lines[p{before.Projects.OrderBy(p => p.Id).First().Id}].Amount"));
        Assert.Equal("Titre modifié", RecordPages.InputValue(html, $"Form.Lines[p{before.Projects.OrderBy(p => p.Id).First().Id}].Title"));
        var after = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).SingleAsync(c => c.Id == before.Id));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.TotalCentimes, after.TotalCentimes);
        Assert.Equal(before.Projects.Select(p => p.Title), after.Projects.Select(p => p.Title));
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_refused_and_nothing_is_created()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var count = await factory.WithDbAsync(db => db.Conventions.CountAsync());

        var refused = await client.PostAsync("/Conventions/Create",
            [.. Fields(associationId, 2034, domainId, null, new Line("a", "Projet", "4 000"), new Line("b", "Fin avant début", "1 000", End: "2033-01-01"))]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("La date de fin doit être postérieure", RecordPages.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Conventions.CountAsync()));
    }

    [Fact]
    public async Task A_convention_is_created_as_a_draft_whatever_status_is_posted()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();

        var id = RecordPages.IdFromLocation(await client.PostAsync("/Conventions/Create",
            [.. Fields(associationId, 2034, domainId, null, new Line("a", "Projet", "4 000")), ("Form.Status", "Completed"), ("Form.SigningDate", "2034-01-02")]));

        var stored = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(ConventionStatus.Draft, stored.Status);
        Assert.Null(stored.SigningDate);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_with_both_versions_shown()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. Fields(associationId, 2035, domainId, null,
            new Line("a", "Projet commun", "10 000"))]));
        var projectId = await factory.WithDbAsync(db => db.Projects.Where(p => p.ConventionId == id).Select(p => p.Id).SingleAsync());

        var agentPage = await agent.PageAsync($"/Conventions/Edit/{id}");
        var adminPage = await admin.PageAsync($"/Conventions/Edit/{id}");
        var adminSave = await admin.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2035, domainId, null,
            new Line("p" + projectId, "Projet commun", "11 111", projectId))
            .Append(("Form.Version", RecordPages.InputValue(adminPage, "Form.Version"))).Append(("Form.InternalNotes", "Note de l'administrateur"))]);
        Assert.Equal(HttpStatusCode.Redirect, adminSave.StatusCode);

        var agentSave = await agent.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2035, domainId, null,
            new Line("p" + projectId, "Projet commun", "22 222", projectId))
            .Append(("Form.Version", RecordPages.InputValue(agentPage, "Form.Version"))).Append(("Form.InternalNotes", "Note de l'agent"))]);

        Assert.Equal(HttpStatusCode.OK, agentSave.StatusCode);
        var html = await agentSave.Content.ReadAsStringAsync();
        var text = RecordPages.Text(html);
        Assert.Contains("admin@portail.test a enregistré la convention", text, StringComparison.Ordinal);
        Assert.Contains("Note de l'administrateur", text, StringComparison.Ordinal);
        Assert.Contains("11 111 DH", text, StringComparison.Ordinal);
        Assert.Contains("22 222 DH", text, StringComparison.Ordinal);
        Assert.Equal("Note de l'agent", RecordPages.TextArea(html, "Form.InternalNotes").Trim());
        var stored = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal("Note de l'administrateur", stored.InternalNotes);
        Assert.Equal(1_111_100, stored.TotalCentimes);

        // Having seen both, the agent saves again on purpose: the page now carries the stored version.
        Assert.Equal(stored.Version.ToString(), RecordPages.InputValue(html, "Form.Version"));
        var again = await agent.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2035, domainId, null,
            new Line("p" + projectId, "Projet commun", "22 222", projectId))
            .Append(("Form.Version", RecordPages.InputValue(html, "Form.Version"))).Append(("Form.InternalNotes", "Note de l'agent"))]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2_222_200, await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).Select(c => c.TotalCentimes).SingleAsync()));
    }

    [Fact]
    public async Task A_concurrent_edit_shows_each_project_as_stored_and_as_typed()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Conventions/Create", [.. Fields(associationId, 2037, domainId, null,
            new Line("a", "Atelier conservé", "10 000"), new Line("b", "Atelier supprimé", "5 000"))]));
        var projects = await factory.WithDbAsync(db => db.Projects.Where(p => p.ConventionId == id).ToDictionaryAsync(p => p.Title, p => p.Id));
        var (kept, deleted) = (projects["Atelier conservé"], projects["Atelier supprimé"]);
        var agentPage = await agent.PageAsync($"/Conventions/Edit/{id}");
        var adminPage = await admin.PageAsync($"/Conventions/Edit/{id}");

        // The administrator removes one project and adds another.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2037, domainId, null,
            new Line("p1", "Atelier conservé", "12 000", kept), new Line("p2", "Atelier supprimé", "5 000", deleted, Remove: true),
            new Line("n1", "Atelier ajouté", "3 000"))
            .Append(("Form.Version", RecordPages.InputValue(adminPage, "Form.Version")))])).StatusCode);

        // The agent, on the page opened before, changes both old projects and adds one of its own.
        var response = await agent.PostAsync($"/Conventions/Edit/{id}", [.. Fields(associationId, 2037, domainId, null,
            new Line("p1", "Atelier conservé", "20 000", kept), new Line("p2", "Atelier supprimé", "6 000", deleted), new Line("n1", "Atelier de l'agent", "1 000"))
            .Append(("Form.Version", RecordPages.InputValue(agentPage, "Form.Version")))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = System.Text.RegularExpressions.Regex.Replace(RecordPages.Text(await response.Content.ReadAsStringAsync()), @"\s+", " ");
        Assert.Contains("Projet : Atelier ajouté", text, StringComparison.Ordinal);
        Assert.Contains("(absent de votre saisie)", text, StringComparison.Ordinal);
        Assert.Matches(@"Projet : Atelier supprimé \(supprimé entre-temps\) .*6 000 DH", text);
        Assert.Contains("Nouveau projet : Atelier de l'agent", text, StringComparison.Ordinal);
        Assert.Contains("Montant total 15 000 DH 27 000 DH", text, StringComparison.Ordinal);
        Assert.Equal(["Atelier ajouté", "Atelier conservé"], await factory.WithDbAsync(db => db.Projects.Where(p => p.ConventionId == id).OrderBy(p => p.Title).Select(p => p.Title).ToListAsync()));
    }

    [Fact]
    public async Task Unknown_association_call_or_domain_ids_are_refused_with_their_reason()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var before = await factory.WithDbAsync(db => db.Conventions.CountAsync());

        foreach (var (fields, message) in new (IEnumerable<(string, string)> Fields, string Message)[]
        {
            (Fields(987_654, 2038, domainId, null, new Line("a", "Projet", "1 000")), "Cette association n'existe pas."),
            (Fields(associationId, 2038, domainId, null, new Line("a", "Projet", "1 000")).Append(("Form.CallForProjectsId", "987654")), "Cet appel à projets n'existe pas."),
            (Fields(associationId, 2038, 987_654, null, new Line("a", "Projet", "1 000")), "Ce domaine n'existe pas."),
        })
        {
            var response = await agent.PostAsync("/Conventions/Create", [.. fields]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, RecordPages.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.Conventions.CountAsync()));
    }

    [Fact]
    public async Task A_signed_convention_cannot_be_deleted_a_draft_can()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var signed = await factory.WithDbAsync(db => db.Conventions.Where(c => c.Reference == "CONV-2017-001").Select(c => c.Id).SingleAsync());

        var confirm = RecordPages.Text(await client.PageAsync($"/Conventions/Delete/{signed}"));
        Assert.Contains("Suppression impossible", confirm, StringComparison.Ordinal);
        Assert.Contains("Cette convention est achevée : elle a été signée et compte dans le bilan. Une convention signée ne se supprime pas ; résiliez-la si elle prend fin avant son terme.",
            confirm, StringComparison.Ordinal);
        var refused = await client.PostAsync($"/Conventions/Delete/{signed}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == signed)));

        var draft = RecordPages.IdFromLocation(await client.PostAsync("/Conventions/Create",
            [.. Fields(associationId, 2036, domainId, null, new Line("a", "Brouillon", "1 000"), new Line("b", "Second projet", "2 500,50"))]));
        var draftConfirm = RecordPages.Text(await client.PageAsync($"/Conventions/Delete/{draft}"));
        Assert.Contains("Ses 2 projet(s), pour 3 500,50 DH, seront supprimés avec elle.", draftConfirm, StringComparison.Ordinal);
        Assert.DoesNotContain("Suppression impossible", draftConfirm, StringComparison.Ordinal);
        var deleted = await client.PostAsync($"/Conventions/Delete/{draft}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == draft)));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.ConventionId == draft)));
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_from_the_query_string()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var call = await factory.WithDbAsync(db => db.Calls.Where(c => c.Reference == "AAP-2018-01").Select(c => new { c.Id, Count = c.Conventions.Count }).SingleAsync());

        var year = RecordPages.Text(await client.PageAsync("/Conventions?year=2018&status=Completed"));
        Assert.Contains("42 résultat(s)", year, StringComparison.Ordinal);

        var lastPage = await client.PageAsync("/Conventions?year=2018&status=Completed&pageSize=10&page=5");
        Assert.Equal(2, CountRows(lastPage));
        Assert.Contains("41 à 42", RecordPages.Text(lastPage), StringComparison.Ordinal);
        // Links of the pager keep the filters.
        Assert.Contains("year=2018", lastPage, StringComparison.Ordinal);

        var byCall = RecordPages.Text(await client.PageAsync($"/Conventions?callId={call.Id}"));
        Assert.Contains($"{call.Count} résultat(s)", byCall, StringComparison.Ordinal);

        var largest = await factory.WithDbAsync(db => db.Conventions.Where(c => c.BudgetYear == 2017).OrderByDescending(c => c.TotalCentimes).ThenByDescending(c => c.Id).Select(c => c.Reference).FirstAsync());
        var sorted = await client.PageAsync("/Conventions?year=2017&sort=total&desc=true");
        Assert.StartsWith(largest, FirstRowText(sorted), StringComparison.Ordinal);

        var search = RecordPages.Text(await client.PageAsync("/Conventions?q=CONV-2017-00"));
        Assert.Contains("9 résultat(s)", search, StringComparison.Ordinal);

        var (city, inCity) = await factory.WithDbAsync(async db =>
        {
            var c = await db.Conventions.Where(v => v.BudgetYear == 2017).Select(v => v.Association!.City).FirstAsync();
            return (c, await db.Conventions.CountAsync(v => v.BudgetYear == 2017 && v.Association!.City == c));
        });
        Assert.Contains($"{inCity} résultat(s)", RecordPages.Text(await client.PageAsync($"/Conventions?year=2017&city={Uri.EscapeDataString(city)}")), StringComparison.Ordinal);

        // Nonsense in every parameter is ignored: the whole list, on its first page, in its default order.
        var all = await factory.WithDbAsync(db => db.Conventions.CountAsync());
        var nonsense = await client.PageAsync("/Conventions?year=abc&sort=drop%20table&page=-4&status=Nope");
        Assert.Contains($"{all} résultat(s)", RecordPages.Text(nonsense), StringComparison.Ordinal);
        Assert.Equal(FirstRowText(await client.PageAsync("/Conventions")), FirstRowText(nonsense));
    }

    [Fact]
    public async Task Managers_read_conventions_but_cannot_change_them()
    {
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var id = await factory.WithDbAsync(db => db.Conventions.Where(c => c.Reference == "CONV-2018-002").Select(c => c.Id).SingleAsync());
        var version = await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());

        var details = await manager.PageAsync($"/Conventions/Details/{id}");
        Assert.DoesNotContain($"/Conventions/Edit/{id}", details, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Conventions/Delete/{id}", details, StringComparison.Ordinal);
        Assert.DoesNotContain("/Conventions/Create", await manager.PageAsync("/Conventions"), StringComparison.Ordinal);

        var token = HtmlForms.AntiforgeryToken(details);
        RecordPages.AssertForbidden(await manager.GetAsync($"/Conventions/Edit/{id}"));
        var post = await manager.PostAsync($"/Conventions/Edit/{id}", new FormUrlEncodedContent(Fields(associationId, 2018, domainId, null, new Line("a", "x", "1"))
            .Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        RecordPages.AssertForbidden(post);
        RecordPages.AssertForbidden(await manager.PostAsync($"/Conventions/Delete/{id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])));
        Assert.Equal(version, await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).Select(c => c.Version).SingleAsync()));
    }

    [Fact]
    public async Task Without_its_script_the_page_adds_a_line_by_posting_and_saves_nothing()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var count = await factory.WithDbAsync(db => db.Conventions.CountAsync());

        var response = await client.PostAsync("/Conventions/Create",
            [.. Fields(associationId, 2037, domainId, null, new Line("a", "Première ligne", "1 500")).Append(("command", "add-line"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Première ligne", RecordPages.InputValue(html, "Form.Lines[a].Title"));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "name=\"Form.Lines.Index\""));
        Assert.Contains("1 500 DH", RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Conventions.CountAsync()));
    }

    [Fact]
    public async Task A_line_ticked_for_removal_is_neither_checked_nor_saved()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();

        var response = await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2038, domainId, null,
            new Line("a", "Gardée", "2 000"), new Line("b", "", "n'importe quoi", Remove: true))]);

        var id = RecordPages.IdFromLocation(response);
        var titles = await factory.WithDbAsync(db => db.Projects.Where(p => p.ConventionId == id).Select(p => p.Title).ToListAsync());
        Assert.Equal(["Gardée"], titles);
    }

    [Fact]
    public async Task A_malformed_or_unknown_id_is_not_found()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Conventions/Details/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Conventions/Edit/abc")).StatusCode);
    }

    [Fact]
    public async Task A_convention_needs_a_project()
    {
        // The signing date is asked when the convention is signed (ConventionTransitionTests.Signing_needs_…).
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var count = await factory.WithDbAsync(db => db.Conventions.CountAsync());

        // Without any project line.
        var empty = await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2036, domainId, "2036-02-03")]);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Une convention compte au moins un projet : ajoutez une ligne.", RecordPages.Text(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(count, await factory.WithDbAsync(db => db.Conventions.CountAsync()));
    }

    [Fact]
    public async Task An_archived_association_gets_no_new_convention()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (_, domainId) = await ArrangeAsync();
        var archived = await factory.WithDbAsync(async db =>
        {
            var association = await db.Associations.OrderByDescending(a => a.Id).FirstAsync();
            association.Status = AssociationStatus.Archived;
            await db.SaveChangesAsync();
            return association.Id;
        });
        var before = await factory.WithDbAsync(db => db.Conventions.CountAsync(c => c.AssociationId == archived));

        var response = await client.PostAsync("/Conventions/Create", [.. Fields(archived, 2036, domainId, "2036-05-04", new Line("a", "Refusée", "3 000"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cette association est archivée : aucune nouvelle convention ne peut lui être rattachée.",
            RecordPages.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Conventions.CountAsync(c => c.AssociationId == archived)));
    }

    [Fact]
    public async Task A_project_line_of_another_convention_is_refused_and_both_conventions_stay_as_they_were()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (associationId, domainId) = await ArrangeAsync();
        var mine = RecordPages.IdFromLocation(await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2037, domainId, null, new Line("a", "La mienne", "1 000"))]));
        var other = RecordPages.IdFromLocation(await client.PostAsync("/Conventions/Create", [.. Fields(associationId, 2037, domainId, null, new Line("a", "L'autre", "2 000"))]));
        var (mineProject, otherProject) = await factory.WithDbAsync(async db => (
            await db.Projects.Where(p => p.ConventionId == mine).Select(p => p.Id).SingleAsync(),
            await db.Projects.Where(p => p.ConventionId == other).Select(p => p.Id).SingleAsync()));

        var page = await client.PageAsync($"/Conventions/Edit/{mine}");
        var response = await client.PostAsync($"/Conventions/Edit/{mine}", [.. Fields(associationId, 2037, domainId, null,
            new Line("p" + mineProject, "La mienne", "1 000", mineProject),
            new Line("p" + otherProject, "Prise à l'autre", "9 000", otherProject)).Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ce projet n'appartient pas (ou plus) à cette convention", RecordPages.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var projects = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Where(p => p.Id == mineProject || p.Id == otherProject)
            .OrderBy(p => p.Id).Select(p => new { p.ConventionId, p.Title, p.AmountCentimes }).ToListAsync());
        Assert.Equal([(mine, "La mienne", 100_000L), (other, "L'autre", 200_000L)], projects.Select(p => (p.ConventionId, p.Title, p.AmountCentimes)));
    }

    internal static IEnumerable<(string Key, string Value)> Fields(int associationId, int year, int domainId, string? signing, params Line[] lines)
    {
        yield return ("Form.AssociationId", associationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Form.BudgetYear", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Signing is a step of its own now (ConventionLifecycleTests); a date posted here is ignored.
        if (signing is not null)
        {
            yield return ("Form.SigningDate", signing);
        }

        foreach (var line in lines)
        {
            var prefix = $"Form.Lines[{line.Key}]";
            yield return ("Form.Lines.Index", line.Key);
            yield return (prefix + ".Key", line.Key);
            if (line.Id is { } id)
            {
                yield return (prefix + ".Id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (line.Remove)
            {
                yield return (prefix + ".Remove", "true");
            }

            yield return (prefix + ".Title", line.Title);
            yield return (prefix + ".DomainId", domainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return (prefix + ".City", "Rabat");
            yield return (prefix + ".Amount", line.Amount);
            yield return (prefix + ".Status", "Planned");
            if (line.End is not null)
            {
                yield return (prefix + ".StartDate", "2034-02-01");
                yield return (prefix + ".EndDate", line.End);
            }
        }
    }

    private async Task<(int AssociationId, int DomainId)> ArrangeAsync()
    {
        var (associationId, domainId, _) = await Conventions.ConventionTestData.FormChoicesAsync(factory);
        return (associationId, domainId);
    }

    private static int CountRows(string html) =>
        System.Text.RegularExpressions.Regex.Count(html, "<td class=\"text-nowrap\"><a href=\"/Conventions/Details/");

    private static string FirstRowText(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<td class=\"text-nowrap\"><a href=\"/Conventions/Details/\\d+\">([^<]+)</a>");
        return match.Groups[1].Value;
    }
}
