using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Web.Commands;
using PartnershipPortal.Web.Features.Bilan;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>The synthetic data generator behind docs/performance.md, on a small scale.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-tests", "generate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Generates_the_requested_projects_over_the_years_and_the_bilan_reads_them()
    {
        var path = Path.Combine(_folder, "synthetic.db");
        using var output = new StringWriter();

        var exit = await GenerateCommand.RunAsync(["--projects", "3001", "--years", "2019-2021", "--database", path], output, CancellationToken.None);

        Assert.Equal(0, exit);
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new PortalDbContext(options);
        Assert.Equal(3001, await db.Projects.CountAsync());
        Assert.Equal([1001, 1000, 1000], await db.Projects.GroupBy(p => p.BudgetYear).OrderBy(g => g.Key).Select(g => g.Count()).ToListAsync());
        Assert.Empty(await db.Conventions.Where(c => c.TotalCentimes != c.Projects.Sum(p => p.AmountCentimes)).Select(c => c.Id).ToListAsync());
        Assert.Empty(await db.Projects.Where(p => p.BudgetYear != p.Convention!.BudgetYear).Select(p => p.Id).ToListAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        // The counting rule as docs/bilan.md writes it, spelled out here rather than read from the product's own list.
        var counted = await db.Projects.CountAsync(p => p.BudgetYear == 2020 && p.Status != Data.Entities.ProjectStatus.Cancelled
            && (p.Convention!.Status == Data.Entities.ConventionStatus.Signed || p.Convention.Status == Data.Entities.ConventionStatus.InProgress
                || p.Convention.Status == Data.Entities.ConventionStatus.Completed));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PortalDbContext>(o => o.UseSqlite($"Data Source={path}"));
        services.AddBilan();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<BilanService>();
        var report = await service.BuildAsync(2020, CancellationToken.None);
        Assert.Equal(counted, report.Projects);
        Assert.InRange(report.Projects, 850, 999); // a few drafts, cancellations and cancelled projects are left out
        Assert.Contains("3\u00A0001 projets", output.ToString());
    }

    [Theory]
    [InlineData("--projects", "abc")]
    [InlineData("--years", "2024-2015")]
    [InlineData("--unknown", "1")]
    public async Task Bad_options_are_refused_with_the_usage(string option, string value)
    {
        using var output = new StringWriter();

        var exit = await GenerateCommand.RunAsync([option, value, "--database", Path.Combine(_folder, "x.db")], output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("Usage : generate", output.ToString());
        Assert.False(File.Exists(Path.Combine(_folder, "x.db")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
