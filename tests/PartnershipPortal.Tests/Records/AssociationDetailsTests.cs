using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Records;

/// <summary>
/// What the association list's sorts and an association's page read from data the test writes: conventions in every
/// status, a cancelled project, a call, activities of its own and of another association.
/// </summary>
public sealed class AssociationDetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Agent = "agent@portail.test";

    private Task<int> AssociationAsync(string name, string registration, string city = "Fès", Region region = Region.FesMeknes,
        AssociationStatus status = AssociationStatus.Active, string? contact = null) => factory.WithDbAsync(async db =>
    {
        var association = new Association { Name = name, RegistrationNumber = registration, City = city, Region = region, Status = status, ContactPerson = contact };
        db.Associations.Add(association);
        await db.SaveChangesAsync();
        return association.Id;
    });

    private Task<int> ConventionAsync(int associationId, int year, ConventionStatus status, params Line[] lines) =>
        AddAsync(factory, year, status, associationId, internalNotes: null, message: null, lines);

    /// <summary>The cells of each row of the table under the heading that starts with <paramref name="heading"/>.</summary>
    private static List<string[]> Table(string html, string heading) =>
        Rows(Regex.Match(html, $"<h2[^>]*>{Regex.Escape(heading)}.*?(?=<h2|$)", RegexOptions.Singleline).Value);

    /// <summary>The cells of each row of the first table body of <paramref name="html"/>.</summary>
    private static List<string[]> Rows(string html)
    {
        var body = Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(row => Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
            .Select(cell => Regex.Replace(RecordPages.Text(cell.Groups[1].Value), @"\s+", " ").Trim()).ToArray())];
    }

    private static List<string> ActivityItems(string html)
    {
        var section = Regex.Match(html, "<h2[^>]*>Activités du programme.*?(?=<h2|</main>|$)", RegexOptions.Singleline).Value;
        return [.. Regex.Matches(section, "<li>(.*?)</li>", RegexOptions.Singleline).Select(li => Regex.Replace(RecordPages.Text(li.Groups[1].Value), @"\s+", " ").Trim())];
    }

    [Fact]
    public async Task The_association_page_lists_conventions_projects_and_activities_newest_first_and_counts_per_year_what_the_bilan_counts()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await AssociationAsync($"Association détaillée {tag}", $"DET-{tag}");
        var signed = await ConventionAsync(id, 2041, ConventionStatus.Signed,
            new Line("Atelier d'écriture", 100_000), new Line("Cours de langue", 250_000), new Line("Projet annulé", 400_000, ProjectStatus.Cancelled));
        var completed = await ConventionAsync(id, 2041, ConventionStatus.Completed, new Line("Colonie d'été", 300_000, Domain: "CAMP"));
        var draft = await ConventionAsync(id, 2041, ConventionStatus.Draft, new Line("Brouillon", 900_000));
        var running = await ConventionAsync(id, 2042, ConventionStatus.InProgress, new Line("Soutien scolaire", 150_000));
        var cancelled = await ConventionAsync(id, 2042, ConventionStatus.Cancelled, new Line("Convention annulée", 700_000));
        var call = await factory.WithDbAsync(async db =>
        {
            var first = await db.Calls.OrderBy(c => c.Id).FirstAsync();
            await db.Conventions.Where(c => c.Id == running).ExecuteUpdateAsync(s => s.SetProperty(c => c.CallForProjectsId, first.Id));
            return first.Reference;
        });
        var references = await factory.WithDbAsync(db => db.Conventions.Where(c => c.AssociationId == id).ToDictionaryAsync(c => c.Id, c => c.Reference));
        await factory.WithDbAsync(async db =>
        {
            var association = await db.Associations.SingleAsync(a => a.Id == id);
            var other = await db.Associations.FirstAsync(a => a.Id != id);
            db.Activities.AddRange(
                new ProgrammeActivity { Kind = ActivityKind.TrainingWorkshop, Title = $"Formation {tag}", Year = 2041, StartDate = new DateOnly(2041, 5, 10), Associations = [association] },
                new ProgrammeActivity { Kind = ActivityKind.ConsultationMeeting, Title = $"Consultation sans date {tag}", Year = 2042, Associations = [association] },
                new ProgrammeActivity { Kind = ActivityKind.MigrantsWeek, Title = $"Semaine des migrants {tag}", Year = 2042, StartDate = new DateOnly(2042, 3, 1), Associations = [association] },
                new ProgrammeActivity { Kind = ActivityKind.Other, Title = $"Activité d'une autre {tag}", Year = 2042, StartDate = new DateOnly(2042, 6, 1), Associations = [other] });
            await db.SaveChangesAsync();
        });
        using var agent = await factory.SignedInClientAsync(Agent);

        var html = await agent.PageAsync($"/Associations/Details/{id}");

        Assert.Equal(
        [
            ["2042", "1", "1", "1 500 DH"],
            ["2041", "2", "3", "6 500 DH"],
        ], Table(html, "Totaux par année"));
        Assert.Equal(
        [
            [references[running], "2042", call],
            [references[cancelled], "2042", "Hors appel"],
            [references[signed], "2041", "Hors appel"],
            [references[completed], "2041", "Hors appel"],
            [references[draft], "2041", "Hors appel"],
        ], Table(html, "Conventions").Select(r => r[..3]));
        Assert.Equal(
        [
            ["Soutien scolaire", references[running]],
            ["Convention annulée", references[cancelled]],
            ["Atelier d'écriture", references[signed]],
            ["Cours de langue", references[signed]],
            ["Projet annulé", references[signed]],
            ["Colonie d'été", references[completed]],
            ["Brouillon", references[draft]],
        ], Table(html, "Projets").Select(r => r[..2]));
        Assert.Equal(
        [
            $"Semaine des migrants {tag} · Semaine des migrants · 01/03/2042",
            $"Consultation sans date {tag} · Rencontre de concertation · 2042",
            $"Formation {tag} · Atelier de formation · 10/05/2041",
        ], ActivityItems(html));
    }

    [Fact]
    public async Task The_list_sorts_by_each_column_and_its_amount_adds_up_the_counted_conventions()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var alpha = await AssociationAsync($"Tri {tag} Alpha", $"TRI-{tag}-C", "Agadir", Region.Oriental, AssociationStatus.Inactive);
        var beta = await AssociationAsync($"Tri {tag} Beta", $"TRI-{tag}-A", "Tiznit", Region.SoussMassa, AssociationStatus.Active);
        await AssociationAsync($"Tri {tag} Gamma", $"TRI-{tag}-B", "Meknes", Region.RabatSaleKenitra, AssociationStatus.Archived);
        await ConventionAsync(alpha, 2041, ConventionStatus.Signed, new Line("Premier", 300_000));
        await ConventionAsync(alpha, 2041, ConventionStatus.Completed, new Line("Second", 300_000));
        await ConventionAsync(beta, 2041, ConventionStatus.InProgress, new Line("Seul", 500_000));
        await ConventionAsync(beta, 2041, ConventionStatus.Draft, new Line("Brouillon", 900_000));
        await ConventionAsync(beta, 2041, ConventionStatus.Cancelled, new Line("Annulé", 900_000));
        using var agent = await factory.SignedInClientAsync(Agent);

        async Task<List<string>> OrderAsync(string sort, bool desc = false)
        {
            var html = await agent.PageAsync($"/Associations?q={Uri.EscapeDataString($"Tri {tag}")}&sort={sort}&desc={desc.ToString().ToLowerInvariant()}");
            return [.. Rows(html).Select(r => r[0].Split(' ')[^1])];
        }

        Assert.Equal(["Alpha", "Beta", "Gamma"], await OrderAsync("name"));
        Assert.Equal(["Alpha", "Gamma", "Beta"], await OrderAsync("city"));
        Assert.Equal(["Alpha", "Gamma", "Beta"], await OrderAsync("region"));
        // Statuses are stored by name: Active, Archived, Inactive.
        Assert.Equal(["Beta", "Gamma", "Alpha"], await OrderAsync("status"));
        Assert.Equal(["Beta", "Gamma", "Alpha"], await OrderAsync("registration"));
        Assert.Equal(["Gamma", "Alpha", "Beta"], await OrderAsync("conventions"));
        Assert.Equal(["Beta", "Alpha", "Gamma"], await OrderAsync("conventions", desc: true));
        Assert.Equal(["Gamma", "Beta", "Alpha"], await OrderAsync("total"));
        var rows = Rows(await agent.PageAsync($"/Associations?q={Uri.EscapeDataString($"Tri {tag}")}&sort=name"));
        Assert.Equal([("2", "6 000 DH"), ("3", "5 000 DH"), ("0", "0 DH")], rows.Select(r => (r[^2], r[^1])));
    }

    [Fact]
    public async Task An_association_that_does_not_exist_is_not_found_to_read_edit_delete_or_archive()
    {
        const int missing = 987_654;
        using var agent = await factory.SignedInClientAsync(Agent);
        var count = await factory.WithDbAsync(db => db.Associations.CountAsync());

        var answers = new[]
        {
            (await agent.GetAsync($"/Associations/Details/{missing}")).StatusCode,
            (await agent.GetAsync($"/Associations/Delete/{missing}")).StatusCode,
            (await agent.PostFormAsync("/Associations", $"/Associations/Delete/{missing}", [])).StatusCode,
            (await agent.PostFormAsync("/Associations", $"/Associations/Archive/{missing}", [])).StatusCode,
            (await agent.PostFormAsync("/Associations", $"/Associations/Edit/{missing}",
            [
                new("Form.Name", "Fantôme"), new("Form.RegistrationNumber", "FANTOME-1"), new("Form.City", "Fès"), new("Form.Region", "FesMeknes"),
                new("Form.Status", "Active"), new("Form.Version", Guid.NewGuid().ToString()),
            ])).StatusCode,
        };

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Associations.CountAsync()));
    }

    [Fact]
    public async Task A_conflict_shows_the_stored_contact_person_and_empty_phone_and_address_as_empty()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await AssociationAsync($"Association en conflit {tag}", $"CONF-{tag}", contact: "Nadia Berrada");
        using var agent = await factory.SignedInClientAsync(Agent);
        var stale = RecordPages.InputValue(await agent.PageAsync($"/Associations/Edit/{id}"), "Form.Version");
        await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, Guid.NewGuid())));

        var response = await agent.PostFormAsync($"/Associations/Edit/{id}", $"/Associations/Edit/{id}",
        [
            new("Form.Name", $"Association en conflit {tag}"), new("Form.RegistrationNumber", $"CONF-{tag}"), new("Form.City", "Fès"),
            new("Form.Region", "FesMeknes"), new("Form.Status", "Active"), new("Form.Version", stale),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = RecordPages.ConflictRows(await response.Content.ReadAsStringAsync());
        Assert.Equal([("Téléphone", "", ""), ("Courriel", "", ""), ("Personne de contact", "Nadia Berrada", "")],
            rows.Where(r => r.Field is "Téléphone" or "Courriel" or "Personne de contact"));
        Assert.Equal("Nadia Berrada", await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == id).Select(a => a.ContactPerson).SingleAsync()));
    }
}
