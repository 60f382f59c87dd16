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
                || p.Convention.Status == Data.Entities.ConventionStatus.Completed || p.Convention.Status == Data.Entities.ConventionStatus.Terminated));
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

    [Fact]
    public async Task Every_signed_convention_gets_its_schedule_and_its_reports_and_only_completed_ones_are_paid_in_full()
    {
        var path = Path.Combine(_folder, "follow-up.db");
        using var output = new StringWriter();

        Assert.Equal(0, await GenerateCommand.RunAsync(["--projects", "1500", "--years", "2022-2023", "--database", path], output, CancellationToken.None));

        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new PortalDbContext(options);
        var conventions = await db.Conventions.AsNoTracking()
            .Select(c => new
            {
                c.Status, c.TotalCentimes,
                Planned = c.Tranches.Sum(t => t.PlannedAmountCentimes),
                Paid = c.Tranches.SelectMany(t => t.Payments).Sum(p => p.AmountCentimes),
                Tranches = c.Tranches.Count,
                Balances = c.Tranches.Count(t => t.IsBalance),
                Reports = c.Reports.Count,
                Approved = c.Reports.Count(r => r.Status == Data.Entities.ReportStatus.Approved),
                FirstTranche = c.Tranches.Where(t => t.Number == 1).Sum(t => t.PlannedAmountCentimes),
            })
            .ToListAsync();
        var withSchedule = conventions.Where(c => c.Status is Data.Entities.ConventionStatus.Signed or Data.Entities.ConventionStatus.InProgress
            or Data.Entities.ConventionStatus.Completed).ToList();
        Assert.NotEmpty(withSchedule);
        Assert.All(conventions.Except(withSchedule), c => Assert.Equal(0, c.Tranches + c.Reports));
        Assert.All(withSchedule, c =>
        {
            Assert.Equal(c.TotalCentimes, c.Planned);
            Assert.Equal((2, 1, 2), (c.Tranches, c.Balances, c.Reports));
            // Half on signature, in whole dirhams (the default Rules:Tranches), the balance takes the rest.
            Assert.Equal(c.TotalCentimes / 2 / 100 * 100, c.FirstTranche);
        });
        var completed = withSchedule.Where(c => c.Status == Data.Entities.ConventionStatus.Completed).ToList();
        Assert.All(completed, c => Assert.Equal((c.TotalCentimes, 2), (c.Paid, c.Approved)));
        Assert.All(withSchedule.Except(completed), c => Assert.Equal(c.FirstTranche, c.Paid));
        Assert.Contains(withSchedule, c => c.Status == Data.Entities.ConventionStatus.InProgress && c.Approved == 1);
        Assert.Contains(withSchedule, c => c.Status == Data.Entities.ConventionStatus.Signed && c.Approved == 0);
    }

    [Fact]
    public async Task The_applications_option_adds_a_call_whose_every_application_is_scored_by_every_reviewer_on_every_criterion()
    {
        var path = Path.Combine(_folder, "selection.db");
        using var output = new StringWriter();

        var exit = await GenerateCommand.RunAsync(
            ["--projects", "200", "--years", "2024", "--applications", "20", "--reviewers", "5", "--database", path], output, CancellationToken.None);

        Assert.Equal(0, exit);
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new PortalDbContext(options);
        var call = await db.Calls.Include(c => c.Criteria).SingleAsync(c => c.Reference == GenerateCommand.SelectionCallReference);
        var criteria = call.Criteria.Count;
        Assert.True(criteria > 1);
        Assert.Equal(20, await db.Applications.CountAsync(a => a.CallForProjectsId == call.Id && a.Status == Data.Entities.ApplicationStatus.Admissible));
        Assert.Equal(20 * 5, await db.Reviews.CountAsync(r => r.Application!.CallForProjectsId == call.Id
            && r.Conflict == Data.Entities.ReviewConflict.NoConflict && r.CompletedAtUtc != null));
        Assert.Equal(20 * 5 * criteria, await db.ReviewScores.CountAsync(s => s.Review!.Application!.CallForProjectsId == call.Id));
        // Every review scores each criterion once, within its scale.
        Assert.Empty(await db.Reviews.Where(r => r.Scores.Select(s => s.ScoringCriterionId).Distinct().Count() != criteria).Select(r => r.Id).ToListAsync());
        Assert.Empty(await db.ReviewScores.Where(s => s.Score < 0 || s.Score > s.Criterion!.Maximum).Select(s => s.Id).ToListAsync());
        var reviewerRole = await db.Roles.Where(r => r.Name == Data.Entities.Roles.Reviewer).Select(r => r.Id).SingleAsync();
        var assigned = await db.ReviewerAssignments.Where(r => r.CallForProjectsId == call.Id).Select(r => r.UserId).ToListAsync();
        Assert.Equal(5, assigned.Count);
        Assert.Equal(5, await db.UserRoles.CountAsync(ur => ur.RoleId == reviewerRole && assigned.Contains(ur.UserId)));
        Assert.Equal(20, await db.Applications.Where(a => a.CallForProjectsId == call.Id).Select(a => a.AcknowledgementNumber).Distinct().CountAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        // The ranking's totals, aggregated by the database, against the same arithmetic done here on every score.
        var weights = call.Criteria.ToDictionary(c => c.Id, c => (long)c.Weight);
        var scores = await db.ReviewScores.Where(s => s.Review!.Application!.CallForProjectsId == call.Id)
            .Select(s => new { s.Review!.ApplicationId, s.ReviewId, s.ScoringCriterionId, s.Score }).ToListAsync();
        var expected = scores.GroupBy(s => s.ApplicationId).ToDictionary(g => g.Key, g =>
        {
            var totals = g.GroupBy(s => s.ReviewId).Select(r => r.Sum(s => weights[s.ScoringCriterionId] * s.Score)).ToList();
            return (Reviews: totals.Count, Sum: totals.Sum(), Min: totals.Min(), Max: totals.Max());
        });
        var actual = await PartnershipPortal.Web.Features.Applications.SelectionService.ReviewTotalsAsync(db, call.Id, CancellationToken.None);
        Assert.Equal(20, actual.Count);
        Assert.All(actual, t => Assert.Equal(expected[t.ApplicationId], (t.Reviews, t.Sum, t.Min, t.Max)));
        Assert.Contains("20 candidatures, 100 évaluations", output.ToString());
    }

    [Theory]
    [InlineData("--applications", "0")]
    [InlineData("--reviewers", "x")]
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
