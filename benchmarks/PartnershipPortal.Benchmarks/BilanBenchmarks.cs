using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data;
using PartnershipPortal.Web.Features.Bilan.Excel;
using PartnershipPortal.Web.Features.Bilan.Pdf;
using PartnershipPortal.Web.Features.Bilan;

namespace PartnershipPortal.Benchmarks;

/// <summary>
/// One year's bilan on the synthetic database (generate --projects 1000000 --years 2015-2024), against the bare SQL
/// that computes the same figures, and the two exports end to end (report + file), as the controller runs them.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the connection.")]
public class BilanBenchmarks
{
    private static readonly string CountedStatuses = string.Join(", ", Convention.CountedStatuses.Select(s => "'" + s + "'"));

    private static readonly string RowsSql =
        "SELECT p.DomainId, COUNT(*), SUM(p.AmountCentimes) FROM Projects p INNER JOIN Conventions c ON c.Id = p.ConventionId "
        + $"WHERE p.BudgetYear = $year AND p.Status <> 'Cancelled' AND c.Status IN ({CountedStatuses}) GROUP BY p.DomainId";

    private static readonly string PartnersSql =
        "SELECT COUNT(DISTINCT p.ConventionId), COUNT(DISTINCT c.AssociationId) FROM Projects p INNER JOIN Conventions c ON c.Id = p.ConventionId "
        + $"WHERE p.BudgetYear = $year AND p.Status <> 'Cancelled' AND c.Status IN ({CountedStatuses})";

    private static readonly string EveryYearSql =
        "SELECT p.BudgetYear, p.DomainId, COUNT(*), SUM(p.AmountCentimes) FROM Projects p INNER JOIN Conventions c ON c.Id = p.ConventionId "
        + $"WHERE p.Status <> 'Cancelled' AND c.Status IN ({CountedStatuses}) GROUP BY p.BudgetYear, p.DomainId";

    private ServiceProvider _services = null!;
    private SqliteConnection _connection = null!;

    [Params(2020)]
    public int Year { get; set; }

    public static string Database { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchmarkServices.Create(Database);
        _connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
        _connection.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _services.Dispose();
    }

    /// <summary>The same figures as the report's, in two prepared statements on an open connection: the floor.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> BareSqlGroupBy()
    {
        long total = 0;
        await using (var rows = _connection.CreateCommand())
        {
            rows.CommandText = RowsSql;
            rows.Parameters.AddWithValue("$year", Year);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                total += reader.GetInt64(1) + reader.GetInt64(2);
            }
        }

        await using var partners = _connection.CreateCommand();
        partners.CommandText = PartnersSql;
        partners.Parameters.AddWithValue("$year", Year);
        await using var counts = await partners.ExecuteReaderAsync();
        await counts.ReadAsync();
        return total + counts.GetInt64(0) + counts.GetInt64(1);
    }

    [Benchmark]
    public async Task<int> BilanReport()
    {
        await using var scope = _services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(Year, CancellationToken.None);
        return report.Projects;
    }

    /// <summary>The /Bilan comparison: one GROUP BY year and domain over every year.</summary>
    [Benchmark]
    public async Task<int> Comparison()
    {
        await using var scope = _services.CreateAsyncScope();
        var comparison = await scope.ServiceProvider.GetRequiredService<BilanService>().CompareAsync(CancellationToken.None);
        return comparison.Years.Count;
    }

    /// <summary>The comparison page's figures (every year, every domain) in one prepared statement: the comparison's floor.</summary>
    [Benchmark]
    public async Task<long> BareSqlEveryYear()
    {
        long total = 0;
        await using var rows = _connection.CreateCommand();
        rows.CommandText = EveryYearSql;
        await using var reader = await rows.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            total += reader.GetInt64(2) + reader.GetInt64(3);
        }

        return total;
    }

    [Benchmark]
    public async Task<int> PdfExport()
    {
        await using var scope = _services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(Year, CancellationToken.None);
        return scope.ServiceProvider.GetRequiredService<BilanPdfExporter>().Export(report).Length;
    }

    /// <summary>The workbook as the controller makes it when nobody opened the year in the last minute: the report is built.</summary>
    [Benchmark]
    public async Task<int> ExcelExport()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BilanCache>().Invalidate();
        await using var workbook = await scope.ServiceProvider.GetRequiredService<BilanExcelExporter>().ExportAsync(Year, CancellationToken.None);
        return (int)workbook!.Length;
    }

    /// <summary>The workbook when the year's page was opened in the last minute: the report comes from the cache.</summary>
    [Benchmark]
    public async Task<int> ExcelCachedReport()
    {
        await using var scope = _services.CreateAsyncScope();
        await using var workbook = await scope.ServiceProvider.GetRequiredService<BilanExcelExporter>().ExportAsync(Year, CancellationToken.None);
        return (int)workbook!.Length;
    }

    /// <summary>The project sheet's query alone (every line read, nothing written): what the workbook cannot go under.</summary>
    [Benchmark]
    public async Task<int> ExcelProjectQuery()
    {
        await using var scope = _services.CreateAsyncScope();
        var bilan = scope.ServiceProvider.GetRequiredService<BilanService>();
        var count = 0;
        await foreach (var line in bilan.ProjectLinesAsync(Year, "fr", CancellationToken.None))
        {
            count += line.City.Length;
        }

        return count;
    }
}

/// <summary>The services the bilan needs, as the portal registers them (AddBilan), on the given SQLite file.</summary>
public static class BenchmarkServices
{
    public static ServiceProvider Create(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PortalDbContext>(db => db.UseSqlite($"Data Source={database}"));
        services.AddBilan();
        return services.BuildServiceProvider();
    }
}
