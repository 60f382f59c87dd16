using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Tests.Security;
using UglyToad.PdfPig;
using static PartnershipPortal.Tests.Shared.BilanText;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>After signature, projects and amounts change through amendments, which the page, the association and the bilan all follow.</summary>
public sealed class AmendmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>One posted line of the amendment form: an existing project (id) or a new one.</summary>
    private sealed record Posted(string Key, string Title, string Domain, string Amount, int? Id = null, bool Remove = false, string Start = "", string End = "");

    private async Task<HttpResponseMessage> AmendAsync(HttpClient client, int id, string date, string reason, params Posted[] lines)
    {
        var domains = await factory.WithDbAsync(db => db.Domains.ToDictionaryAsync(d => d.Code, d => d.Id));
        var version = (await LoadAsync(factory, id)).Version.ToString();
        var fields = new List<(string, string)> { ("Form.Version", version), ("Amendment.Date", date), ("Amendment.Reason", reason) };
        foreach (var line in lines)
        {
            var prefix = $"Form.Lines[{line.Key}]";
            fields.AddRange([("Form.Lines.Index", line.Key), (prefix + ".Key", line.Key), (prefix + ".Title", line.Title),
                (prefix + ".DomainId", domains[line.Domain].ToString(CultureInfo.InvariantCulture)), (prefix + ".City", "Fès"),
                (prefix + ".Amount", line.Amount), (prefix + ".Status", "Planned"), (prefix + ".StartDate", line.Start), (prefix + ".EndDate", line.End)]);
            if (line.Id is { } projectId)
            {
                fields.Add((prefix + ".Id", projectId.ToString(CultureInfo.InvariantCulture)));
            }

            if (line.Remove)
            {
                fields.Add((prefix + ".Remove", "true"));
            }
        }

        return await PostAsync(client, $"/Conventions/Amend/{id}", [.. fields]);
    }

    private async Task<(int Id, Project A, Project B, Project C)> SignedAsync(int year, int? associationId = null)
    {
        var id = await AddAsync(factory, year, ConventionStatus.Signed, associationId, null, null,
            new Line("Soutien scolaire", 100_000_00, Domain: "EDU"), new Line("Aide d'urgence", 40_000_00, Domain: "HUM"),
            new Line("Festival", 10_000_00, Domain: "CULT"));
        var projects = (await LoadAsync(factory, id)).Projects.OrderBy(p => p.Id).ToList();
        return (id, projects[0], projects[1], projects[2]);
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The line of a stored project posted as the form shows it, unchanged.</summary>
    private static Posted AsStored(string key, Project project, string domain) => new(key, project.Title, domain,
        (project.AmountCentimes / 100).ToString(CultureInfo.InvariantCulture), project.Id, Start: Day(project.StartDate), End: Day(project.EndDate));

    [Fact]
    public async Task An_amendment_records_each_change_with_the_totals_before_and_after_and_the_bilan_counts_the_amended_amounts()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (id, a, b, c) = await SignedAsync(2071);
        var reference = (await LoadAsync(factory, id)).Reference;

        var response = await AmendAsync(client, id, "2071-06-01", "Extension du soutien scolaire à Meknès",
            new Posted("a", a.Title, "EDU", "120 000", a.Id, Start: Day(a.StartDate), End: "2072-06-30"),
            new Posted("b", b.Title, "HUM", "40 000", b.Id, Remove: true, Start: Day(b.StartDate), End: Day(b.EndDate)),
            new Posted("c", c.Title, "CULT", "10 000", c.Id, Start: Day(c.StartDate), End: Day(c.EndDate)),
            new Posted("n1", "Colonie de vacances", "CAMP", "25 000"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(factory, id);
        var amendment = Assert.Single(stored.Amendments);
        Assert.Equal(reference + "/AV1", amendment.Reference);
        Assert.Equal((150_000_00L, 155_000_00L, 155_000_00L), (amendment.TotalBeforeCentimes, amendment.TotalAfterCentimes, stored.TotalCentimes));
        Assert.Equal(ConventionStatus.Signed, stored.Status);
        Assert.Equal(
            [(AmendmentChangeKind.AmountChanged, "Soutien scolaire"), (AmendmentChangeKind.DatesChanged, "Soutien scolaire"),
             (AmendmentChangeKind.ProjectRemoved, "Aide d'urgence"), (AmendmentChangeKind.ProjectAdded, "Colonie de vacances")],
            amendment.Changes.OrderBy(x => x.Id).Select(x => (x.Kind, x.ProjectTitle)));
        Assert.Equal(["Soutien scolaire", "Festival", "Colonie de vacances"], stored.Projects.OrderBy(p => p.Id).Select(p => p.Title));
        Assert.Equal(new DateOnly(2072, 6, 30), stored.Projects.Single(p => p.Id == a.Id).EndDate);

        var page = RecordPages.Text(await client.PageAsync($"/Conventions/Details/{id}"));
        AssertInOrder(page, ["Historique de la convention", "montant initial 150 000 DH", $"Avenant {reference}/AV1 du 01/06/2071",
            "Extension du soutien scolaire à Meknès", "150 000 DH avant, 155 000 DH après", "Montant de « Soutien scolaire » : 100 000 DH → 120 000 DH",
            "Projet retiré : Aide d'urgence (40 000 DH)", "Projet ajouté : Colonie de vacances (25 000 DH)"]);

        // The bilan: EDU 120 000, CULT 10 000, CAMP 25 000, HUM nothing; on the page, in the PDF and in the workbook.
        var bilan = Normalize(RecordPages.Text(await client.PageAsync("/Bilan/2071")));
        Assert.Contains("enveloppe totale de 155 000 dirhams", bilan, StringComparison.Ordinal);
        Assert.DoesNotContain("150 000", bilan, StringComparison.Ordinal);

        using (var pdf = PdfDocument.Open(await client.GetByteArrayAsync("/Bilan/2071/Pdf")))
        {
            var text = Normalize(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
            AssertInOrder(text, ["Tableau N° 01", "120 000", "Total", "3", "155 000"]);
            Assert.DoesNotContain("150 000", text, StringComparison.Ordinal);
        }

        using var workbook = new XLWorkbook(new MemoryStream(await client.GetByteArrayAsync("/Bilan/2071/Excel")));
        var table = workbook.Worksheet(1);
        var total = Enumerable.Range(4, 10).First(r => table.Cell(r, 1).GetString() == "Total");
        Assert.Equal((3, 155_000L), (table.Cell(total, 2).GetValue<int>(), table.Cell(total, 3).GetValue<long>()));
        var sheet = workbook.Worksheet(2);
        var amounts = Enumerable.Range(2, sheet.Tables.Single().DataRange.RowCount())
            .Select(r => (sheet.Cell(r, 2).GetString(), sheet.Cell(r, 5).GetValue<long>())).OrderBy(x => x.Item2).ToList();
        Assert.Equal([(reference, 10_000L), (reference, 25_000L), (reference, 120_000L)], amounts);

        // A second amendment is AV2 and starts from the amended total.
        var second = await AmendAsync(client, id, "2071-09-01", "Festival réduit",
            new Posted("a", a.Title, "EDU", "120 000", a.Id, Start: Day(a.StartDate), End: "2072-06-30"),
            new Posted("c", c.Title, "CULT", "6 000", c.Id, Start: Day(c.StartDate), End: Day(c.EndDate)),
            new Posted("d", "Colonie de vacances", "CAMP", "25 000", stored.Projects.Single(p => p.Title == "Colonie de vacances").Id, Start: "", End: ""));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var twice = await LoadAsync(factory, id);
        Assert.Equal([(reference + "/AV1", 150_000_00L, 155_000_00L), (reference + "/AV2", 155_000_00L, 151_000_00L)],
            twice.Amendments.OrderBy(x => x.Number).Select(x => (x.Reference, x.TotalBeforeCentimes, x.TotalAfterCentimes)));
    }

    [Fact]
    public async Task A_project_ticked_for_removal_is_only_removed_though_its_line_was_also_changed_and_a_new_line_ticked_is_not_added()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (id, a, b, c) = await SignedAsync(2077);

        var response = await AmendAsync(client, id, "2077-06-01", "Aide d'urgence reprise par un autre partenaire",
            AsStored("a", a, "EDU"), AsStored("b", b, "HUM") with { Amount = "55 000", Remove = true, End = "2078-03-31" }, AsStored("c", c, "CULT"),
            new Posted("n1", "Chorale", "CULT", "5 000", Remove: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(factory, id);
        var change = Assert.Single(Assert.Single(stored.Amendments).Changes);
        Assert.Equal((AmendmentChangeKind.ProjectRemoved, "Aide d'urgence", (long?)40_000_00, (long?)null),
            (change.Kind, change.ProjectTitle, change.AmountBeforeCentimes, change.AmountAfterCentimes));
        Assert.Equal(["Soutien scolaire", "Festival"], stored.Projects.OrderBy(p => p.Id).Select(p => p.Title));
        Assert.Equal((110_000_00L, 110_000_00L), (stored.TotalCentimes, stored.Amendments.Single().TotalAfterCentimes));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == b.Id)));
    }

    [Fact]
    public async Task Each_project_added_by_an_amendment_is_recorded_with_the_id_it_was_saved_under()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (id, a, b, c) = await SignedAsync(2078);

        var response = await AmendAsync(client, id, "2078-06-01", "Deux projets de plus",
            AsStored("a", a, "EDU"), AsStored("b", b, "HUM"), AsStored("c", c, "CULT"),
            new Posted("n1", "Colonie de vacances", "CAMP", "25 000"),
            new Posted("n2", "Chorale", "CULT", "5 000"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(factory, id);
        var added = stored.Projects.Where(p => p.Id != a.Id && p.Id != b.Id && p.Id != c.Id).ToDictionary(p => p.Title, p => p.Id);
        Assert.Equal(["Chorale", "Colonie de vacances"], added.Keys.Order());
        Assert.Equal(
            [(AmendmentChangeKind.ProjectAdded, "Colonie de vacances", (int?)added["Colonie de vacances"], (long?)25_000_00),
             (AmendmentChangeKind.ProjectAdded, "Chorale", added["Chorale"], 5_000_00)],
            Assert.Single(stored.Amendments).Changes.OrderBy(x => x.Id).Select(x => (x.Kind, x.ProjectTitle, x.ProjectId, x.AmountAfterCentimes)));
    }

    [Fact]
    public async Task An_amendment_that_changes_nothing_or_lacks_its_reason_is_refused_and_nothing_is_saved()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (id, a, b, c) = await SignedAsync(2073);
        var before = await LoadAsync(factory, id);
        Posted[] same = [AsStored("a", a, "EDU"), AsStored("b", b, "HUM"), AsStored("c", c, "CULT")];

        var nothing = await AmendAsync(client, id, "2073-06-01", "Rien", same);
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        Assert.Contains("ne change rien aux projets", await TextAsync(nothing), StringComparison.Ordinal);

        var noReason = await AmendAsync(client, id, "2073-06-01", "", [same[0] with { Amount = "1" }, same[1], same[2]]);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Le motif de l'avenant est obligatoire.", await TextAsync(noReason), StringComparison.Ordinal);

        var beforeSigning = await AmendAsync(client, id, "2073-01-01", "Trop tôt", [same[0] with { Amount = "1" }, same[1], same[2]]);
        Assert.Contains("ne peut pas précéder la signature", await TextAsync(beforeSigning), StringComparison.Ordinal);

        var after = await LoadAsync(factory, id);
        Assert.Empty(after.Amendments);
        Assert.Equal((before.Version, before.TotalCentimes), (after.Version, after.TotalCentimes));
        Assert.Equal(before.Projects.Select(p => p.AmountCentimes), after.Projects.OrderBy(p => p.Id).Select(p => p.AmountCentimes));
    }

    [Theory]
    [InlineData(ConventionStatus.Draft, "modifiez-la directement")]
    [InlineData(ConventionStatus.Completed, "ne reçoit plus d'avenant")]
    [InlineData(ConventionStatus.Terminated, "ne reçoit plus d'avenant")]
    [InlineData(ConventionStatus.Cancelled, "ne reçoit plus d'avenant")]
    public async Task Only_a_signed_or_running_convention_is_amended(ConventionStatus status, string message)
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2074, status, new Line("Projet", 5_000_00));
        var before = await LoadAsync(factory, id);
        var project = before.Projects.Single();

        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/Conventions/Amend/{id}")).StatusCode);
        var response = await AmendAsync(client, id, "2074-06-01", "Essai", new Posted("a", "Projet", "EDU", "9 999", project.Id));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(message, await TextAsync(response), StringComparison.Ordinal);
        var after = await LoadAsync(factory, id);
        Assert.Equal((before.Version, before.TotalCentimes, 0), (after.Version, after.TotalCentimes, after.Amendments.Count));
    }

    [Fact]
    public async Task The_association_sees_its_amendments()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");
        var (id, a, b, c) = await SignedAsync(2075, await SecurityTestKit.DemoAssociationIdAsync(factory));
        var reference = (await LoadAsync(factory, id)).Reference;
        Assert.Equal(HttpStatusCode.Redirect, (await AmendAsync(agent, id, "2075-05-02", "Ajout d'un atelier d'écriture",
            new Posted("a", a.Title, "EDU", "100 000", a.Id, Start: Day(a.StartDate), End: Day(a.EndDate)),
            new Posted("b", b.Title, "HUM", "40 000", b.Id, Start: Day(b.StartDate), End: Day(b.EndDate)),
            new Posted("c", c.Title, "CULT", "10 000", c.Id, Start: Day(c.StartDate), End: Day(c.EndDate)),
            new Posted("n", "Atelier d'écriture", "CULT", "5 000"))).StatusCode);

        var space = RecordPages.Text(await association.PageAsync($"/MonEspace/Conventions/{id}"));

        AssertInOrder(space, ["montant initial 150 000 DH", $"Avenant {reference}/AV1 du 02/05/2075", "Ajout d'un atelier d'écriture",
            "150 000 DH avant, 155 000 DH après", "Projet ajouté : Atelier d'écriture (5 000 DH)"]);
        Assert.Contains("Atelier d'écriture", RecordPages.Text(await association.PageAsync("/MonEspace")) + space, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminated_convention_counts_in_the_bilan_with_what_it_committed()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        await AddAsync(factory, 2076, ConventionStatus.Terminated, new Line("Réalisé", 30_000_00, ProjectStatus.Completed), new Line("Jamais commencé", 5_000_00, ProjectStatus.Cancelled));
        await AddAsync(factory, 2076, ConventionStatus.Cancelled, new Line("Brouillon annulé", 7_000_00));

        var bilan = Normalize(RecordPages.Text(await client.PageAsync("/Bilan/2076")));

        Assert.Contains("signature de 1 convention de partenariat avec 1 association pour la réalisation de 1 projet", bilan, StringComparison.Ordinal);
        Assert.Contains("enveloppe totale de 30 000 dirhams", bilan, StringComparison.Ordinal);
    }
}
