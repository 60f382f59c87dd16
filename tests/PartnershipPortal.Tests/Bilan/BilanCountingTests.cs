using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Bilan;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>What counts in a bilan: conventions recorded for a year, without cancelled projects or conventions.</summary>
public sealed class BilanCountingTests : IClassFixture<BilanCountingTests.Portal>
{
    private readonly Portal _factory;

    public BilanCountingTests(Portal factory) => _factory = factory;

    [Fact]
    public async Task A_convention_recorded_for_a_new_year_appears_in_that_year_and_nowhere_else()
    {
        var before2017 = await BuildAsync(2017);
        var before2018 = await BuildAsync(2018);

        await AddConventionAsync(2041, ConventionStatus.Signed, ("HUM", 120_000_00, ProjectStatus.Planned), ("EDU", 30_000_00, ProjectStatus.InProgress));

        var report = await BuildAsync(2041);
        Assert.Equal([("HUM", 1, 120_000_00L), ("EDU", 1, 30_000_00L)], report.Rows.Select(r => (r.Code, r.Projects, r.AmountCentimes)));
        Assert.Equal((2, 150_000_00L, 1, 1), (report.Projects, report.AmountCentimes, report.Conventions, report.Associations));
        Assert.Equal(Figures(before2017), Figures(await BuildAsync(2017)));
        Assert.Equal(Figures(before2018), Figures(await BuildAsync(2018)));
        Assert.False((await BuildAsync(2040)).HasData);
        Assert.False((await BuildAsync(2042)).HasData);

        using var client = await _factory.SignedInClientAsync("agent@portail.test");
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/Bilan/2041"));
        Assert.Contains("150\u00A0000", page);
    }

    [Fact]
    public async Task A_cancelled_project_does_not_count()
    {
        await AddConventionAsync(2043, ConventionStatus.InProgress,
            ("EDU", 10_000_00, ProjectStatus.Completed), ("EDU", 20_000_00, ProjectStatus.Cancelled), ("CULT", 5_000_00, ProjectStatus.Planned));

        var report = await BuildAsync(2043);

        Assert.Equal([("EDU", 1, 10_000_00L), ("CULT", 1, 5_000_00L)], report.Rows.Select(r => (r.Code, r.Projects, r.AmountCentimes)));
        Assert.Equal(15_000_00L, report.AmountCentimes);
    }

    [Fact]
    public async Task A_convention_whose_projects_are_all_cancelled_does_not_count_its_association()
    {
        await AddConventionAsync(2044, ConventionStatus.Signed, ("EDU", 10_000_00, ProjectStatus.Completed));
        await AddConventionAsync(2044, ConventionStatus.Signed, ("CULT", 7_000_00, ProjectStatus.Cancelled));

        var report = await BuildAsync(2044);

        Assert.Equal((1, 1, 1), (report.Projects, report.Conventions, report.Associations));
    }

    [Theory]
    [InlineData(ConventionStatus.Cancelled)]
    [InlineData(ConventionStatus.Draft)]
    public async Task Projects_of_a_cancelled_or_draft_convention_do_not_count(ConventionStatus status)
    {
        var year = status == ConventionStatus.Cancelled ? 2045 : 2046;
        await AddConventionAsync(year, ConventionStatus.Completed, ("CAMP", 40_000_00, ProjectStatus.Completed));
        await AddConventionAsync(year, status, ("CAMP", 99_000_00, ProjectStatus.Completed), ("HUM", 1_000_00, ProjectStatus.Completed));

        var report = await BuildAsync(year);

        Assert.Equal([("CAMP", 1, 40_000_00L)], report.Rows.Select(r => (r.Code, r.Projects, r.AmountCentimes)));
        Assert.Equal((1, 1), (report.Conventions, report.Associations));
    }

    [Fact]
    public async Task Cached_page_shows_every_write_at_once()
    {
        using var client = await _factory.SignedInClientAsync("manager@portail.test");
        const string NoData = "Aucune convention de partenariat comptabilisée pour l'année 2047";
        Assert.Contains(NoData, await PageAsync(client));

        await AddConventionAsync(2047, ConventionStatus.Signed, ("CULT", 12_345_00, ProjectStatus.Completed), ("HUM", 1_000_00, ProjectStatus.Planned));
        Assert.Contains("13\u00A0345 dirhams", await PageAsync(client));

        // A bulk update bypasses SaveChanges: the cache must still let it through.
        await _factory.WithDbAsync(db => db.Projects.Where(p => p.BudgetYear == 2047 && p.AmountCentimes == 1_000_00)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ProjectStatus.Cancelled)));
        Assert.Contains("12\u00A0345 dirhams", await PageAsync(client));

        await _factory.WithDbAsync(async db =>
        {
            var convention = await db.Conventions.SingleAsync(c => c.BudgetYear == 2047);
            convention.Status = ConventionStatus.Cancelled;
            await db.SaveChangesAsync();
        });
        Assert.Contains(NoData, await PageAsync(client));

        static async Task<string> PageAsync(HttpClient client) =>
            System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/Bilan/2047"));
    }

    private static object Figures(BilanReport report) =>
        string.Join(";", report.Rows.Select(r => $"{r.Code}:{r.Projects}:{r.AmountCentimes}")) + $"|{report.Conventions}|{report.Associations}";

    private async Task<BilanReport> BuildAsync(int year)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(year, CancellationToken.None);
    }

    private Task AddConventionAsync(int year, ConventionStatus status, params (string Domain, long Centimes, ProjectStatus Status)[] projects) =>
        BilanTestData.AddConventionAsync(_factory, year, status, projects);

    /// <summary>Its own database: these tests add conventions that the other classes must not see.</summary>
    public sealed class Portal : PortalFactory;
}
