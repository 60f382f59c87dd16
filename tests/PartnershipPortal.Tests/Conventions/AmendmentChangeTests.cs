using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>What an amendment records of each project it changes, how it is numbered, and the dates it may carry.</summary>
public sealed class AmendmentChangeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>One posted project line, every field the amendment compares; the test's projects start as <see cref="Of"/> writes them.</summary>
    private sealed record Posted(int Id, string Title, string Domain, string City, string Amount, string Status = "Planned",
        string Start = "", string End = "", string Beneficiaries = "", string BeneficiariesDescription = "")
    {
        public static Posted Of(Project project, string domain, string amount) => new(project.Id, project.Title, domain, project.City, amount,
            project.Status.ToString(), Day(project.StartDate), Day(project.EndDate));
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private async Task<HttpResponseMessage> AmendAsync(HttpClient client, int id, string date, string reason, params Posted[] lines)
    {
        var domains = await factory.WithDbAsync(db => db.Domains.ToDictionaryAsync(d => d.Code, d => d.Id));
        var fields = new List<(string, string)>
        {
            ("Form.Version", (await LoadAsync(factory, id)).Version.ToString()), ("Amendment.Date", date), ("Amendment.Reason", reason),
        };
        foreach (var line in lines)
        {
            var key = "p" + line.Id.ToString(CultureInfo.InvariantCulture);
            var prefix = $"Form.Lines[{key}]";
            fields.AddRange([("Form.Lines.Index", key), (prefix + ".Key", key), (prefix + ".Id", line.Id.ToString(CultureInfo.InvariantCulture)),
                (prefix + ".Title", line.Title), (prefix + ".DomainId", domains[line.Domain].ToString(CultureInfo.InvariantCulture)),
                (prefix + ".City", line.City), (prefix + ".Amount", line.Amount), (prefix + ".Status", line.Status),
                (prefix + ".StartDate", line.Start), (prefix + ".EndDate", line.End),
                (prefix + ".BeneficiariesCount", line.Beneficiaries), (prefix + ".BeneficiariesDescription", line.BeneficiariesDescription)]);
        }

        return await PostAsync(client, $"/Conventions/Amend/{id}", [.. fields]);
    }

    /// <summary>Amendments recorded earlier, written straight into the database with the numbers given.</summary>
    private Task AddAmendmentsAsync(int id, params int[] numbers) => factory.WithDbAsync(async db =>
    {
        var convention = await db.Conventions.SingleAsync(c => c.Id == id);
        foreach (var number in numbers)
        {
            db.Amendments.Add(new ConventionAmendment
            {
                ConventionId = id, Number = number, Reference = ConventionAmendment.FormatReference(convention.Reference, number),
                Date = new DateOnly(convention.BudgetYear, 3, number), Reason = $"Avenant ancien n° {number}",
                TotalBeforeCentimes = convention.TotalCentimes, TotalAfterCentimes = convention.TotalCentimes,
            });
        }

        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_amendment_form_proposes_the_first_number_and_after_two_amendments_the_third()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var fresh = await AddAsync(factory, 2091, ConventionStatus.Signed, new Line("Atelier théâtre", 12_000_00));
        var amended = await AddAsync(factory, 2091, ConventionStatus.InProgress, new Line("Atelier musique", 12_000_00));
        await AddAmendmentsAsync(amended, 1, 2);

        var first = RecordPages.Text(await agent.PageAsync($"/Conventions/Amend/{fresh}"));
        var third = RecordPages.Text(await agent.PageAsync($"/Conventions/Amend/{amended}"));

        Assert.Contains($"Avenant {(await LoadAsync(factory, fresh)).Reference}/AV1", first, StringComparison.Ordinal);
        Assert.Contains($"Avenant {(await LoadAsync(factory, amended)).Reference}/AV3", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amendment_after_amendments_one_and_two_is_number_three()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2092, ConventionStatus.Signed, new Line("Sortie culturelle", 12_000_00));
        await AddAmendmentsAsync(id, 1, 2);
        var convention = await LoadAsync(factory, id);

        var response = await AmendAsync(agent, id, "2092-07-01", "Deux sorties de plus", Posted.Of(convention.Projects.Single(), "EDU", "14 000"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await LoadAsync(factory, id);
        Assert.Equal([(1, "Avenant ancien n° 1"), (2, "Avenant ancien n° 2"), (3, "Deux sorties de plus")],
            after.Amendments.OrderBy(a => a.Number).Select(a => (a.Number, a.Reason)));
        Assert.Equal(convention.Reference + "/AV3", after.Amendments.Single(a => a.Number == 3).Reference);
    }

    [Fact]
    public async Task An_amendment_may_be_dated_the_signing_day_but_not_the_day_before()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2093, ConventionStatus.Signed, new Line("Soutien aux devoirs", 12_000_00));
        var convention = await LoadAsync(factory, id);
        Assert.Equal(new DateOnly(2093, 2, 1), convention.SigningDate);
        var line = Posted.Of(convention.Projects.Single(), "EDU", "15 000");

        var dayBefore = await AmendAsync(agent, id, "2093-01-31", "Trop tôt", line);

        Assert.Equal(HttpStatusCode.OK, dayBefore.StatusCode);
        Assert.Equal("Un avenant ne peut pas précéder la signature de la convention (01/02/2093).",
            RecordPages.ValidationMessage(await dayBefore.Content.ReadAsStringAsync(), "Amendment.Date"));
        Assert.Empty((await LoadAsync(factory, id)).Amendments);

        var signingDay = await AmendAsync(agent, id, "2093-02-01", "Le jour même", line);

        Assert.Equal(HttpStatusCode.Redirect, signingDay.StatusCode);
        var after = await LoadAsync(factory, id);
        Assert.Equal((new DateOnly(2093, 2, 1), "Le jour même", 15_000_00L), (after.Amendments.Single().Date, after.Amendments.Single().Reason, after.TotalCentimes));
    }

    public static TheoryData<string> Details() => ["title", "city", "domain", "status", "beneficiaries", "beneficiaries description"];

    [Theory]
    [MemberData(nameof(Details))]
    public async Task Changing_one_detail_of_a_project_alone_records_that_the_project_was_modified(string detail)
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2094, ConventionStatus.Signed, new Line("Club de lecture", 12_000_00, Domain: "EDU"));
        var project = (await LoadAsync(factory, id)).Projects.Single();
        var same = Posted.Of(project, "EDU", "12 000");
        var changed = detail switch
        {
            "title" => same with { Title = "Club de lecture et d'écriture" },
            "city" => same with { City = "Meknès" },
            "domain" => same with { Domain = "CULT" },
            "status" => same with { Status = "InProgress" },
            "beneficiaries" => same with { Beneficiaries = "40" },
            _ => same with { BeneficiariesDescription = "Collégiens du quartier" },
        };

        var response = await AmendAsync(agent, id, "2094-05-01", "Précision du projet", changed);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(factory, id);
        var change = Assert.Single(Assert.Single(stored.Amendments).Changes);
        Assert.Equal((AmendmentChangeKind.DetailsChanged, changed.Title, (int?)project.Id), (change.Kind, change.ProjectTitle, change.ProjectId));
        var saved = stored.Projects.Single();
        Assert.Equal((changed.Title, changed.City, changed.Status, changed.Beneficiaries, changed.BeneficiariesDescription, 12_000_00L),
            (saved.Title, saved.City, saved.Status.ToString(), saved.BeneficiariesCount?.ToString(CultureInfo.InvariantCulture) ?? "",
             saved.BeneficiariesDescription ?? "", saved.AmountCentimes));
        Assert.Equal(changed.Domain, await factory.WithDbAsync(db => db.Domains.Where(d => d.Id == saved.DomainId).Select(d => d.Code).SingleAsync()));
        Assert.Contains($"Projet « {changed.Title} » modifié", RecordPages.Text(await agent.PageAsync($"/Conventions/Details/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_changes_of_an_amount_and_of_dates_point_to_their_project()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2095, ConventionStatus.Signed, new Line("Colonie", 12_000_00), new Line("Chorale", 6_000_00));
        var projects = (await LoadAsync(factory, id)).Projects.OrderBy(p => p.Id).ToList();

        var response = await AmendAsync(agent, id, "2095-05-01", "Colonie prolongée, chorale renforcée",
            Posted.Of(projects[0], "EDU", "12 000") with { End = "2096-01-31" }, Posted.Of(projects[1], "EDU", "9 000"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changes = Assert.Single((await LoadAsync(factory, id)).Amendments).Changes.OrderBy(c => c.Id);
        Assert.Equal([(AmendmentChangeKind.DatesChanged, "Colonie", (int?)projects[0].Id), (AmendmentChangeKind.AmountChanged, "Chorale", projects[1].Id)],
            changes.Select(c => (c.Kind, c.ProjectTitle, c.ProjectId)));
    }
}
