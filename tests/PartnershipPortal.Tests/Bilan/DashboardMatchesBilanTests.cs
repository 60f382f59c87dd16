using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Web.Commands;
using PartnershipPortal.Web.Features;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Dashboard;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>The dashboard and the bilan show the same figures for every year: of the demo data and of a synthetic database.</summary>
public sealed class DashboardMatchesBilanTests(DashboardMatchesBilanTests.Portal factory)
    : IClassFixture<DashboardMatchesBilanTests.Portal>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-tests", "dashboard-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_demo_year_shows_on_the_dashboard_the_figures_of_its_bilan()
    {
        var years = await factory.WithDbAsync(db => db.Projects.Select(p => p.BudgetYear).Distinct().OrderBy(y => y).ToListAsync());
        Assert.NotEmpty(years);
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        foreach (var year in years)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(year, CancellationToken.None);
            var html = WebUtility.HtmlDecode(await client.PageAsync($"/Dashboard?year={year}"));

            Assert.Contains($"id=\"stat-associations\">{PortalFormat.Count(report.Associations)}<", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"stat-conventions\">{PortalFormat.Count(report.Conventions)}<", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"stat-projects\">{PortalFormat.Count(report.Projects)}<", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"stat-amount\">{PortalFormat.Dirhams(report.AmountCentimes)}<", html, StringComparison.Ordinal);
            var text = RecordPages.Text(html);
            foreach (var row in report.Rows)
            {
                Assert.Contains(PortalFormat.Dirhams(row.AmountCentimes).Replace('\u00A0', ' '), text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Every_year_of_a_synthetic_database_has_the_same_figures_on_the_dashboard_and_in_the_bilan()
    {
        var path = Path.Combine(_folder, "synthetic.db");
        using var output = new StringWriter();
        Assert.Equal(0, await GenerateCommand.RunAsync(["--projects", "1500", "--years", "2019-2021", "--database", path], output, CancellationToken.None));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PortalDbContext>(o => o.UseSqlite($"Data Source={path}"));
        services.AddRecords();
        services.AddBilan();
        await using var provider = services.BuildServiceProvider();

        foreach (var year in new[] { 2019, 2020, 2021 })
        {
            await using var scope = provider.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(year, CancellationToken.None);
            var dashboard = await scope.ServiceProvider.GetRequiredService<DashboardService>().GetAsync(year, CancellationToken.None);

            Assert.True(report.Projects > 0);
            Assert.Equal(
                (report.Associations, report.Conventions, report.Projects, report.AmountCentimes),
                (dashboard.Associations, dashboard.Conventions, dashboard.Projects, dashboard.AmountCentimes));
            Assert.Equal(
                report.Rows.Select(r => (r.Name, r.Projects, r.AmountCentimes)).OrderBy(r => r.Name, StringComparer.Ordinal),
                dashboard.ByDomain.Select(d => (Name: d.Domain, d.Projects, d.AmountCentimes)).OrderBy(r => r.Name, StringComparer.Ordinal));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Its own database, read only.</summary>
    public sealed class Portal : PortalFactory;
}
