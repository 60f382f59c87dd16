using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

public sealed class ProjectScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static (string, string)[] Fields(Project p, string amount, string? title = null, string? start = null, string? end = null) =>
    [
        ("Form.Title", title ?? p.Title), ("Form.DomainId", p.DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Form.City", p.City), ("Form.Amount", amount), ("Form.Status", p.Status.ToString()),
        ("Form.StartDate", start ?? ""), ("Form.EndDate", end ?? ""),
    ];

    [Fact]
    public async Task Editing_a_project_recomputes_its_convention_total()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var project = (await DraftProjectsAsync(2))[0];
        var page = await client.PageAsync($"/Projects/Edit/{project.Id}");

        var response = await client.PostAsync($"/Projects/Edit/{project.Id}", [.. Fields(project, "12 345,67"), ("Form.Version", RecordPages.InputValue(page, "Form.Version"))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var convention = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).SingleAsync(c => c.Id == project.ConventionId));
        Assert.Equal(1_234_567, convention.Projects.Single(p => p.Id == project.Id).AmountCentimes);
        Assert.Equal(convention.Projects.Sum(p => p.AmountCentimes), convention.TotalCentimes);
        Assert.NotEqual(project.Convention!.Version, convention.Version);
    }

    [Fact]
    public async Task A_bad_project_is_refused_and_nothing_changes()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().OrderBy(p => p.Id).Skip(3).FirstAsync());
        var page = await client.PageAsync($"/Projects/Edit/{project.Id}");

        var response = await client.PostAsync($"/Projects/Edit/{project.Id}",
            [.. Fields(project, "beaucoup", "", "2018-05-01", "2018-04-01"), ("Form.Version", RecordPages.InputValue(page, "Form.Version"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = RecordPages.Text(html);
        Assert.Contains("L'intitulé du projet est obligatoire.", text, StringComparison.Ordinal);
        Assert.Contains("« beaucoup » n'est pas un montant lisible", text, StringComparison.Ordinal);
        Assert.Contains("La date de fin doit être postérieure", text, StringComparison.Ordinal);
        Assert.Equal("beaucoup", RecordPages.InputValue(html, "Form.Amount"));
        var after = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id));
        Assert.Equal(project.Version, after.Version);
        Assert.Equal(project.AmountCentimes, after.AmountCentimes);
    }

    [Fact]
    public async Task A_stale_project_edit_is_refused()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var project = (await DraftProjectsAsync(1))[0];
        var page = await client.PageAsync($"/Projects/Edit/{project.Id}");
        var version = RecordPages.InputValue(page, "Form.Version");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Projects/Edit/{project.Id}", [.. Fields(project, "1 111"), ("Form.Version", version)])).StatusCode);

        var stale = await client.PostAsync($"/Projects/Edit/{project.Id}", [.. Fields(project, "2 222"), ("Form.Version", version)]);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Enregistrement refusé", RecordPages.Text(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(111_100, await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.AmountCentimes).SingleAsync()));
    }

    [Fact]
    public async Task The_only_project_of_a_convention_cannot_be_deleted_another_can()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var single = (await DraftProjectsAsync(1))[0].Id;
        var pair = (await DraftProjectsAsync(2))[1];

        Assert.Contains("C'est le seul projet", RecordPages.Text(await client.PageAsync($"/Projects/Delete/{single}")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/Projects/Delete/{single}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == single)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Projects/Delete/{pair.Id}")).StatusCode);
        var convention = await factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).SingleAsync(c => c.Id == pair.ConventionId));
        Assert.Single(convention.Projects);
        Assert.Equal(convention.Projects.Single().AmountCentimes, convention.TotalCentimes);
    }

    [Fact]
    public async Task A_signed_conventions_project_keeps_its_terms_but_its_progress_can_be_recorded()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Include(p => p.Convention)
            .FirstAsync(p => p.Convention!.Status == ConventionStatus.Completed && p.Status == ProjectStatus.Completed));
        var page = await client.PageAsync($"/Projects/Edit/{project.Id}");

        var amount = await client.PostAsync($"/Projects/Edit/{project.Id}", [.. Fields(project, "99 999"), ("Form.Version", RecordPages.InputValue(page, "Form.Version"))]);

        Assert.Equal(HttpStatusCode.OK, amount.StatusCode);
        Assert.Contains("ne changent que par un avenant", RecordPages.Text(await amount.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var after = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id));
        Assert.Equal(project.AmountCentimes, after.AmountCentimes);
        Assert.Equal(project.Version, after.Version);

        var progress = await client.PostAsync($"/Projects/Edit/{project.Id}",
            [.. Fields(project, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{project.AmountCentimes / 100},{project.AmountCentimes % 100:00}"), start: project.StartDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), end: project.EndDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Where(f => f.Item1 != "Form.Status"), ("Form.Status", "InProgress"), ("Form.BeneficiariesCount", "321"), ("Form.Version", RecordPages.InputValue(page, "Form.Version"))]);
        Assert.Equal(HttpStatusCode.Redirect, progress.StatusCode);
        var progressed = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id));
        Assert.Equal(ProjectStatus.InProgress, progressed.Status);
        Assert.Equal(321, progressed.BeneficiariesCount);
        Assert.Equal(project.AmountCentimes, progressed.AmountCentimes);

        Assert.Contains("un projet ne s'en retire que par un avenant", RecordPages.Text(await client.PageAsync($"/Projects/Delete/{project.Id}")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/Projects/Delete/{project.Id}")).StatusCode);
    }

    /// <summary>Projects of a new draft convention: the only kind whose terms change directly.</summary>
    private Task<List<Project>> DraftProjectsAsync(int count) => factory.WithDbAsync(async db =>
    {
        var year = 2090;
        var sequence = await db.Conventions.CountAsync(c => c.BudgetYear == year) + 1;
        var domain = await db.Domains.Select(d => d.Id).FirstAsync();
        var convention = new Convention
        {
            Reference = Convention.FormatReference(year, sequence), BudgetYear = year, Sequence = sequence,
            AssociationId = await db.Associations.Select(a => a.Id).FirstAsync(),
        };
        for (var i = 1; i <= count; i++)
        {
            convention.Projects.Add(new Project { Title = $"Projet brouillon {sequence}-{i}", City = "Salé", BudgetYear = year, DomainId = domain, AmountCentimes = i * 100_000 });
        }

        convention.RecomputeTotal();
        db.Conventions.Add(convention);
        await db.SaveChangesAsync();
        return await db.Projects.AsNoTracking().Include(p => p.Convention).Where(p => p.ConventionId == convention.Id).OrderBy(p => p.Id).ToListAsync();
    });

    [Fact]
    public async Task The_list_filters_by_year_domain_region_city_association_and_call_and_pages()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var expected = await factory.WithDbAsync(async db =>
        {
            var edu = await db.Domains.SingleAsync(d => d.Code == "EDU");
            var first = await db.Projects.Include(p => p.Convention).ThenInclude(c => c!.Association).OrderBy(p => p.Id).FirstAsync();
            var call = await db.Calls.SingleAsync(c => c.Reference == "AAP-2017-02");
            return new
            {
                Edu = edu.Id,
                Edu2017 = await db.Projects.CountAsync(p => p.BudgetYear == 2017 && p.DomainId == edu.Id),
                first.City,
                InCity = await db.Projects.CountAsync(p => p.City == first.City),
                first.Convention!.Association!.Region,
                InRegion = await db.Projects.CountAsync(p => p.Convention!.Association!.Region == first.Convention.Association.Region),
                first.Convention.AssociationId,
                OfAssociation = await db.Projects.CountAsync(p => p.Convention!.AssociationId == first.Convention.AssociationId),
                Call = call.Id,
                UnderCall = await db.Projects.CountAsync(p => p.Convention!.CallForProjectsId == call.Id),
            };
        });

        // Every project of the year, counted in the bilan or not (the list is a register, not the bilan).
        var in2017 = await factory.WithDbAsync(db => db.Projects.CountAsync(p => p.BudgetYear == 2017));
        Assert.Contains($"{in2017} résultat(s)", RecordPages.Text(await client.PageAsync("/Projects?year=2017")), StringComparison.Ordinal);
        Assert.Contains($"{expected.Edu2017} résultat(s)", RecordPages.Text(await client.PageAsync($"/Projects?year=2017&domainId={expected.Edu}")), StringComparison.Ordinal);
        Assert.Contains($"{expected.InCity} résultat(s)", RecordPages.Text(await client.PageAsync($"/Projects?city={Uri.EscapeDataString(expected.City)}")), StringComparison.Ordinal);
        Assert.Contains($"{expected.InRegion} résultat(s)", RecordPages.Text(await client.PageAsync($"/Projects?region={expected.Region}")), StringComparison.Ordinal);
        Assert.Contains($"{expected.OfAssociation} résultat(s)", RecordPages.Text(await client.PageAsync($"/Projects?associationId={expected.AssociationId}")), StringComparison.Ordinal);
        Assert.Contains($"{expected.UnderCall} résultat(s)", RecordPages.Text(await client.PageAsync($"/Projects?callId={expected.Call}")), StringComparison.Ordinal);
        var lastPage = ((in2017 - 1) / 25) + 1;
        var last = await client.PageAsync($"/Projects?year=2017&page={lastPage}");
        Assert.Equal(in2017 - ((lastPage - 1) * 25), System.Text.RegularExpressions.Regex.Count(last, "<td><a href=\"/Projects/Details/"));
        Assert.Contains($"{((lastPage - 1) * 25) + 1} à {in2017}", RecordPages.Text(last), StringComparison.Ordinal);
        var total = await factory.WithDbAsync(db => db.Projects.Where(p => p.BudgetYear == 2017).SumAsync(p => p.AmountCentimes));
        Assert.Contains(PartnershipPortal.Web.Infrastructure.Formatting.PortalFormat.Dirhams(total).Replace('\u00A0', ' '), RecordPages.Text(await client.PageAsync("/Projects?year=2017")), StringComparison.Ordinal);
    }
}
