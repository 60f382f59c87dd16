using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Associations;

namespace PartnershipPortal.Tests.Records;

public sealed class AssociationScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static (string, string)[] Fields(string name, string registration, string city = "Oujda", string region = "Oriental") =>
    [
        ("Form.Name", name), ("Form.RegistrationNumber", registration), ("Form.City", city), ("Form.Region", region),
        ("Form.Status", "Active"), ("Form.Email", "contact@exemple.ma"), ("Form.Phone", "+212 5 36 00 00 00"),
    ];

    [Fact]
    public async Task Create_then_edit_an_association()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var created = await client.PostAsync("/Associations/Create", Fields("Association Horizon Oujda", "TEST-ASSO-100"));
        var id = RecordPages.IdFromLocation(created);

        var page = await client.PageAsync($"/Associations/Edit/{id}");
        var edited = await client.PostAsync($"/Associations/Edit/{id}",
            [.. Fields("Association Horizon de l'Oriental", "TEST-ASSO-100", "Berkane"), ("Form.Version", RecordPages.InputValue(page, "Form.Version"))]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var stored = await factory.WithDbAsync(db => db.Associations.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal("Association Horizon de l'Oriental", stored.Name);
        Assert.Equal("Berkane", stored.City);
        Assert.Equal(Region.Oriental, stored.Region);
        Assert.Equal("agent@portail.test", stored.UpdatedBy);
    }

    [Fact]
    public async Task A_registration_number_used_twice_is_refused_naming_the_existing_association()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var existing = await factory.WithDbAsync(db => db.Associations.AsNoTracking().SingleAsync(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber));
        var count = await factory.WithDbAsync(db => db.Associations.CountAsync());

        var response = await client.PostAsync("/Associations/Create", Fields("Association Doublon", DemoDataSeeder.DemoAssociationRegistrationNumber));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"déjà celui de l'association « {existing.Name} »", RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Equal("Association Doublon", RecordPages.InputValue(html, "Form.Name"));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Associations.CountAsync()));
    }

    [Fact]
    public async Task Missing_and_too_long_fields_are_refused_in_French_and_nothing_changes()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var before = await factory.WithDbAsync(db => db.Associations.AsNoTracking().OrderBy(a => a.Id).FirstAsync());
        var page = await client.PageAsync($"/Associations/Edit/{before.Id}");

        var response = await client.PostAsync($"/Associations/Edit/{before.Id}",
        [
            ("Form.Name", ""), ("Form.RegistrationNumber", before.RegistrationNumber), ("Form.City", new string('x', 101)),
            ("Form.Region", "Atlantide"), ("Form.Email", "pas-une-adresse"), ("Form.Status", "Active"),
            ("Form.Version", RecordPages.InputValue(page, "Form.Version")),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = RecordPages.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("Le nom est obligatoire.", text, StringComparison.Ordinal);
        Assert.Contains("La ville ne dépasse pas 100 caractères.", text, StringComparison.Ordinal);
        Assert.Contains("Le courriel n'est pas une adresse valide.", text, StringComparison.Ordinal);
        Assert.Contains("« Atlantide »", text, StringComparison.Ordinal);
        var after = await factory.WithDbAsync(db => db.Associations.AsNoTracking().SingleAsync(a => a.Id == before.Id));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Name, after.Name);
    }

    [Fact]
    public async Task Deleting_an_association_with_conventions_is_refused_and_archiving_is_offered()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = await factory.WithDbAsync(db => db.Associations.Where(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber).Select(a => a.Id).SingleAsync());

        var (conventions, accounts) = await factory.WithDbAsync(async db =>
            (await db.Conventions.CountAsync(c => c.AssociationId == id), await db.Users.CountAsync(u => u.AssociationId == id)));
        Assert.True(conventions > 0 && accounts > 0, "The demo association has conventions and an account.");

        var confirm = await client.PageAsync($"/Associations/Delete/{id}");
        var text = RecordPages.Text(confirm);
        Assert.Contains("Suppression impossible", text, StringComparison.Ordinal);
        Assert.Contains($"L'association a {conventions} convention(s) : les supprimer effacerait l'historique des subventions et fausserait les bilans.", text, StringComparison.Ordinal);
        Assert.Contains($"{accounts} compte(s) utilisateur sont rattachés à cette association.", text, StringComparison.Ordinal);
        Assert.Contains("Archiver l'association", text, StringComparison.Ordinal);
        Assert.Contains("L'archivage garde son historique et la retire des listes de choix des nouvelles conventions.", text, StringComparison.Ordinal);
        Assert.Contains($"/Associations/Archive/{id}", confirm, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/Associations/Delete/{id}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.Id == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Associations/Delete/{id}", $"/Associations/Archive/{id}", [])).StatusCode);
        Assert.Equal(AssociationStatus.Archived, await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        // Archived, it is still not deleted, and archiving is no longer offered.
        var archived = RecordPages.Text(await client.PageAsync($"/Associations/Delete/{id}"));
        Assert.Contains("Suppression impossible", archived, StringComparison.Ordinal);
        Assert.DoesNotContain("Archiver l'association", archived, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_association_only_in_activities_is_deleted_and_leaves_them_after_a_warning()
    {
        var client = await factory.SignedInClientAsync("admin@portail.test");
        var id = RecordPages.IdFromLocation(await client.PostAsync("/Associations/Create", Fields("Association des Ateliers", "TEST-ASSO-ACT")));
        var activities = await factory.WithDbAsync(async db =>
        {
            var association = await db.Associations.SingleAsync(a => a.Id == id);
            var two = await db.Activities.OrderBy(a => a.Id).Take(2).ToListAsync();
            foreach (var activity in two)
            {
                activity.Associations.Add(association);
            }

            await db.SaveChangesAsync();
            return two.Select(a => a.Id).ToList();
        });

        var text = RecordPages.Text(await client.PageAsync($"/Associations/Delete/{id}"));
        Assert.Contains("Elle sera retirée des 2 activité(s) du programme auxquelles elle a participé.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Suppression impossible", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Associations/Delete/{id}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.Id == id)));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Activities.CountAsync(a => activities.Contains(a.Id))));
    }

    [Fact]
    public async Task An_association_nothing_depends_on_is_deleted_after_confirmation()
    {
        var client = await factory.SignedInClientAsync("admin@portail.test");
        var id = RecordPages.IdFromLocation(await client.PostAsync("/Associations/Create", Fields("Association Éphémère", "TEST-ASSO-DEL")));

        Assert.Contains("Supprimer définitivement", await client.PageAsync($"/Associations/Delete/{id}"), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.Id == id)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Associations/Delete/{id}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.Id == id)));
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var id = RecordPages.IdFromLocation(await agent.PostAsync("/Associations/Create", Fields("Association Partagée", "TEST-ASSO-CONC")));
        var agentPage = await agent.PageAsync($"/Associations/Edit/{id}");
        var adminPage = await admin.PageAsync($"/Associations/Edit/{id}");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Associations/Edit/{id}",
            [.. Fields("Association Partagée", "TEST-ASSO-CONC", "Nador"), ("Form.Version", RecordPages.InputValue(adminPage, "Form.Version"))])).StatusCode);
        var second = await agent.PostAsync($"/Associations/Edit/{id}",
            [.. Fields("Association Partagée", "TEST-ASSO-CONC", "Taourirt"), ("Form.Version", RecordPages.InputValue(agentPage, "Form.Version"))]);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Matches(@"admin@portail\.test a enregistré cette association le \d\d/\d\d/\d{4} à \d\d:\d\d UTC, après que vous l'avez ouverte\.", RecordPages.Text(html));
        Assert.Equal(
            [
                ("Nom", "Association Partagée", "Association Partagée"), ("Numéro d'enregistrement", "TEST-ASSO-CONC", "TEST-ASSO-CONC"), ("Ville", "Nador", "Taourirt"),
                ("Région", "L'Oriental", "L'Oriental"), ("Téléphone", "+212 5 36 00 00 00", "+212 5 36 00 00 00"), ("Courriel", "contact@exemple.ma", "contact@exemple.ma"),
                ("Personne de contact", "", ""), ("Statut", "Active", "Active"),
            ],
            RecordPages.ConflictRows(html).Select(r => (r.Field, r.Stored, r.Typed)));
        Assert.Equal("Nador", await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == id).Select(a => a.City).SingleAsync()));
    }

    [Fact]
    public async Task A_registration_number_saved_by_someone_else_meanwhile_is_refused_naming_that_association()
    {
        var savesFirst = new SavesFirst(factory.ConnectionString, (other, _) =>
        {
            other.Associations.Add(new Association { Name = "Association arrivée la première", RegistrationNumber = "TEST-ASSO-RACE", City = "Berkane", Region = Region.Oriental });
            return Task.CompletedTask;
        });

        var outcome = await factory.WithInterloperAsync(savesFirst, (services, db) => ActivatorUtilities.CreateInstance<AssociationService>(services, db).CreateAsync(
            new AssociationForm { Name = "Association arrivée la seconde", RegistrationNumber = "TEST-ASSO-RACE", City = "Oujda", Region = Region.Oriental }, CancellationToken.None));

        Assert.Equal([("RegistrationNumber", "Le numéro d'enregistrement TEST-ASSO-RACE est déjà celui de l'association « Association arrivée la première » (Berkane).")],
            outcome.Errors);
        Assert.Equal(["Association arrivée la première"], await factory.WithDbAsync(db => db.Associations.Where(a => a.RegistrationNumber == "TEST-ASSO-RACE").Select(a => a.Name).ToListAsync()));
    }

    [Fact]
    public async Task The_list_filters_by_region_city_status_and_year_and_pages()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var (region, city, inRegion, inCity) = await factory.WithDbAsync(async db =>
        {
            var first = await db.Associations.OrderBy(a => a.Id).FirstAsync();
            return (first.Region, first.City,
                await db.Associations.CountAsync(a => a.Region == first.Region),
                await db.Associations.CountAsync(a => a.City == first.City));
        });

        Assert.Contains($"{inRegion} résultat(s)", RecordPages.Text(await client.PageAsync($"/Associations?region={region}")), StringComparison.Ordinal);
        var archivedName = await factory.WithDbAsync(async db =>
        {
            var archived = await db.Associations.OrderBy(a => a.Id).Skip(3).FirstAsync();
            archived.Status = AssociationStatus.Archived;
            archived.Name = "Association archivée pour le filtre";
            await db.SaveChangesAsync();
            return archived.Name;
        });
        var (archivedCount, activeCount) = await factory.WithDbAsync(async db =>
            (await db.Associations.CountAsync(a => a.Status == AssociationStatus.Archived), await db.Associations.CountAsync(a => a.Status == AssociationStatus.Active)));
        var archivedList = RecordPages.Text(await client.PageAsync("/Associations?status=Archived"));
        Assert.Contains($"{archivedCount} résultat(s)", archivedList, StringComparison.Ordinal);
        Assert.Contains(archivedName, archivedList, StringComparison.Ordinal);
        Assert.Contains($"{activeCount} résultat(s)", RecordPages.Text(await client.PageAsync("/Associations?status=Active")), StringComparison.Ordinal);
        var search = Uri.EscapeDataString(archivedName);
        Assert.Contains("1 résultat(s)", RecordPages.Text(await client.PageAsync($"/Associations?q={search}")), StringComparison.Ordinal);
        Assert.Contains("Aucun résultat.", RecordPages.Text(await client.PageAsync($"/Associations?status=Active&q={search}")), StringComparison.Ordinal);
        Assert.Contains($"{inCity} résultat(s)", RecordPages.Text(await client.PageAsync($"/Associations?city={Uri.EscapeDataString(city)}")), StringComparison.Ordinal);
        // 42 associations have a convention in 2018 (published bilan).
        Assert.Contains("42 résultat(s)", RecordPages.Text(await client.PageAsync("/Associations?year=2018")), StringComparison.Ordinal);
        var page = await client.PageAsync("/Associations?year=2018&pageSize=10&page=3&sort=name");
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(page, "<td><a href=\"/Associations/Details/"));
        Assert.Contains("21 à 30", RecordPages.Text(page), StringComparison.Ordinal);
        Assert.DoesNotContain("/Associations/Create", await client.PageAsync("/Associations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_city_filter_is_chosen_by_typing_and_the_page_does_not_list_every_city()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        // Two cities written in plain letters, so that the page's HTML holds them as they are.
        var cities = (await factory.WithDbAsync(db => db.Associations.Select(a => a.City).Distinct().ToListAsync()))
            .Where(c => c.All(char.IsAsciiLetter)).Order(StringComparer.Ordinal).Take(2).ToList();

        var html = await client.PageAsync($"/Associations?city={Uri.EscapeDataString(cities[0])}");

        Assert.Contains("id=\"city-input\" role=\"combobox\"", html, StringComparison.Ordinal);
        Assert.Contains("data-source=\"/Lookups/Cities\"", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"city\" id=\"city\" value=\"{cities[0]}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<select class=\"form-select\" id=\"city\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($">{cities[1]}</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_association_page_shows_its_conventions_projects_totals_per_year_and_activities()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var expected = await factory.WithDbAsync(async db =>
        {
            var association = await db.Associations.Include(a => a.Conventions).ThenInclude(c => c.Projects)
                .SingleAsync(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber);
            var activity = await db.Activities.Where(a => a.Associations.Any(s => s.Id == association.Id)).Select(a => a.Title).FirstOrDefaultAsync();
            return (association.Id, association.Conventions.Select(c => c.Reference).ToList(),
                association.Conventions.Where(c => c.BudgetYear == 2017).Sum(c => c.TotalCentimes), activity);
        });

        var text = RecordPages.Text(await client.PageAsync($"/Associations/Details/{expected.Id}"));
        Assert.All(expected.Item2, reference => Assert.Contains(reference, text, StringComparison.Ordinal));
        Assert.Contains(PartnershipPortal.Web.Infrastructure.Formatting.PortalFormat.Dirhams(expected.Item3).Replace('\u00A0', ' '), text, StringComparison.Ordinal);
        if (expected.activity is not null)
        {
            Assert.Contains(expected.activity, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Managers_cannot_create_edit_delete_or_archive()
    {
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var token = HtmlForms.AntiforgeryToken(await manager.PageAsync("/Associations"));
        var count = await factory.WithDbAsync(db => db.Associations.CountAsync());
        var id = await factory.WithDbAsync(db => db.Associations.Where(a => a.RegistrationNumber == "MA-ASSO-0050").Select(a => a.Id).SingleAsync());
        RecordPages.AssertForbidden(await manager.GetAsync("/Associations/Create"));
        RecordPages.AssertForbidden(await manager.PostAsync("/Associations/Create", new FormUrlEncodedContent(
            Fields("Association du responsable", "TEST-MGR").Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token)))));
        RecordPages.AssertForbidden(await manager.PostAsync($"/Associations/Archive/{id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Associations.CountAsync()));
        Assert.NotEqual(AssociationStatus.Archived, await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }
}
