using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Benchmarks;
using PartnershipPortal.Web.Features.Bilan;

// dotnet run -c Release --project benchmarks/PartnershipPortal.Benchmarks -- --mail 2000   (the outbox sender's throughput)
if (args.SkipWhile(a => a != "--mail").Skip(1).FirstOrDefault() is { } mails)
{
    return await MailThroughput.RunAsync(int.Parse(mails, System.Globalization.CultureInfo.InvariantCulture));
}

// dotnet run -c Release --project benchmarks/PartnershipPortal.Benchmarks -- --database PATH [--quick]
// PATH is a database made by: dotnet run --project src/PartnershipPortal.Web -- generate --projects 1000000 --years 2015-2024 --database PATH
var database = args.SkipWhile(a => a != "--database").Skip(1).FirstOrDefault();
if (database is null || !File.Exists(database))
{
    Console.Error.WriteLine("Usage : --database PATH (une base créée par la commande generate du portail) [--quick]");
    return 2;
}

BilanBenchmarks.Database = Path.GetFullPath(database);

if (args.Contains("--quick"))
{
    // A stopwatch harness: 15 rounds, the four measurements interleaved within each round so that the load of a
    // shared machine hits them alike; medians. Seconds instead of the minutes of the BenchmarkDotNet run.
    var bench = new BilanBenchmarks { Year = 2020 };
    bench.Setup();
    var runs = new (string Name, Func<Task> Run)[]
    {
        ("BareSqlGroupBy", bench.BareSqlGroupBy), ("BilanReport", bench.BilanReport), ("PdfExport", bench.PdfExport), ("ExcelExport", bench.ExcelExport),
        ("Comparison", bench.Comparison), ("BareSqlEveryYear", bench.BareSqlEveryYear), ("ExcelCachedReport", bench.ExcelCachedReport), ("ExcelProjectQuery", bench.ExcelProjectQuery),
    };
    var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
    if (only is not null)
    {
        runs = runs.Where(r => only.Contains(r.Name)).ToArray();
    }

    var times = runs.ToDictionary(r => r.Name, _ => new List<double>());
    for (var round = -1; round < 15; round++)
    {
        foreach (var (name, run) in runs)
        {
            var watch = Stopwatch.StartNew();
            await run();
            if (round >= 0)
            {
                times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
    }

    double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    var baseline = times.TryGetValue("BareSqlGroupBy", out var bare) ? Median(bare) : 1;
    foreach (var (name, values) in times)
    {
        Console.WriteLine($"{name,-16} median {Median(values),8:0.0} ms   min {values.Min(),8:0.0} ms   ratio {Median(values) / baseline,5:0.00}");
    }

    // The comparison page reads every year: its floor is the same GROUP BY over every year, not one year's.
    if (times.TryGetValue("Comparison", out var comparison) && times.TryGetValue("BareSqlEveryYear", out var everyYear))
    {
        Console.WriteLine($"Comparison / BareSqlEveryYear: {Median(comparison) / Median(everyYear):0.00}");
    }

    using (var services = BenchmarkServices.Create(BilanBenchmarks.Database))
    await using (var scope = services.CreateAsyncScope())
    {
        var report = await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(2020, CancellationToken.None);
        Console.WriteLine($"2020 : {report.Projects} projets, {report.Conventions} conventions, {report.Associations} associations");
    }

    Console.WriteLine($"Peak RSS (VmHWM) of this process: {PeakRss()}");
    bench.Cleanup();
    return 0;
}

// In process: no generated project to build, and the machine has two cores shared with other work.
var config = ManualConfig.CreateMinimumViable()
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(3)
        .WithIterationCount(15)
        .WithLaunchCount(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
// Other arguments go to BenchmarkDotNet, e.g. --filter *Excel*.
BenchmarkRunner.Run<BilanBenchmarks>(config, args.Where((a, i) => a != "--database" && (i == 0 || args[i - 1] != "--database")).ToArray());
return 0;

static string PeakRss() =>
    File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
