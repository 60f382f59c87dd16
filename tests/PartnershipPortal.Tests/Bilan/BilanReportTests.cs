using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Bilan;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>The report built by the portal equals the ministry's published figures, read from the project's own copy.</summary>
public sealed class BilanReportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task Report_equals_the_published_table_row_by_row_in_the_published_order(int year)
    {
        var published = PublishedBilan.Load().Year(year);

        var report = await BuildAsync(year);

        Assert.Equal(
            published.Rows.Select(r => (r.Domain, r.Projects, r.Amount * 100)),
            report.Rows.Select(r => (r.Code, r.Projects, r.AmountCentimes)));
        Assert.Equal(published.Projects, report.Projects);
        Assert.Equal(published.Amount * 100, report.AmountCentimes);
        Assert.Equal(published.Associations, report.Associations);
        Assert.True(report.HasData);
    }

    [Fact]
    public async Task Totals_of_2017_and_2018_are_the_published_ones()
    {
        var (y2017, y2018) = (await BuildAsync(2017), await BuildAsync(2018));

        Assert.Equal((110, 6_990_500_00L, 78), (y2017.Projects, y2017.AmountCentimes, y2017.Associations));
        Assert.Equal((44, 1_899_500_00L, 42), (y2018.Projects, y2018.AmountCentimes, y2018.Associations));
        // One convention per association in the demo plan of both years.
        Assert.Equal(78, y2017.Conventions);
        Assert.Equal(42, y2018.Conventions);
    }

    [Fact]
    public async Task Rows_show_the_current_French_name_of_each_domain_not_the_2017_printing()
    {
        var report = await BuildAsync(2017);
        var education = report.Rows.Single(r => r.Code == "EDU");

        Assert.Equal("Intégration éducative des immigrés et réfugiés", education.Name);
        Assert.Contains(education.Name, PublishedBilan.Load().Domains.Single(d => d.Code == "EDU").PrintedAs);
    }

    [Fact]
    public async Task Shares_are_percentages_of_the_year_total()
    {
        var report = await BuildAsync(2017);

        var education = report.Rows[0];
        Assert.Equal(59.1m, education.ProjectsPercent); // 65 / 110
        Assert.Equal(57.5m, education.AmountPercent); // 4 022 000 / 6 990 500
        Assert.InRange(report.Rows.Sum(r => r.ProjectsPercent), 99.8m, 100.2m);
        Assert.InRange(report.Rows.Sum(r => r.AmountPercent), 99.8m, 100.2m);
    }

    [Fact]
    public async Task Activities_of_the_year_come_with_the_report()
    {
        var report = await BuildAsync(2018);

        Assert.Contains(report.Activities, a => a.ParticipantsCount == 53 && a.StartDate == new DateOnly(2018, 10, 16));
        Assert.DoesNotContain(report.Activities, a => a.StartDate?.Year == 2017);
    }

    [Fact]
    public async Task A_year_without_conventions_has_no_data()
    {
        var report = await BuildAsync(2031);

        Assert.False(report.HasData);
        Assert.Empty(report.Rows);
        Assert.Equal((0, 0L, 0, 0), (report.Projects, report.AmountCentimes, report.Conventions, report.Associations));
    }

    [Fact]
    public async Task Comparison_gives_each_domain_per_year_and_the_change_from_the_year_before()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var comparison = await scope.ServiceProvider.GetRequiredService<BilanService>().CompareAsync(CancellationToken.None);

        Assert.Equal(2017, comparison.Years[0]);
        Assert.Equal(2018, comparison.Years[1]);
        var education = comparison.Domains.Single(d => d.Code == "EDU").Cells;
        Assert.Equal((65, 4_022_000_00L, (decimal?)null), (education[0].Projects, education[0].AmountCentimes, education[0].ProjectsChangePercent));
        Assert.Equal((16, 543_500_00L), (education[1].Projects, education[1].AmountCentimes));
        Assert.Equal(-75.4m, education[1].ProjectsChangePercent); // (16 - 65) / 65
        Assert.Equal(-86.5m, education[1].AmountChangePercent); // (543 500 - 4 022 000) / 4 022 000
    }

    [Fact]
    public async Task Comparison_holds_the_published_2017_and_2018_figures_and_the_current_year_of_the_demo_rows()
    {
        var published = PublishedBilan.Load();
        // The counting rule as docs/bilan.md writes it: signed, in progress, completed or terminated; project not cancelled.
        ConventionStatus[] counted = [ConventionStatus.Signed, ConventionStatus.InProgress, ConventionStatus.Completed, ConventionStatus.Terminated];
        var (rows, currentYears) = await factory.WithDbAsync(async db =>
        {
            var counts = await db.Projects.AsNoTracking()
                .Where(p => p.BudgetYear > 2018 && p.Status != ProjectStatus.Cancelled && counted.Contains(p.Convention!.Status))
                .Select(p => new { p.BudgetYear, p.Domain!.Code, p.AmountCentimes }).ToListAsync();
            var seeded = await db.Projects.AsNoTracking()
                .Where(p => EF.Functions.Like(p.Title, Web.Features.Payments.DemoPaymentsSeeder.CurrentTitlePrefix + "%"))
                .Select(p => p.BudgetYear).Distinct().ToListAsync();
            return (counts, seeded);
        });
        // The demo's current conventions belong to the year they were signed in: this year's and, before November, last year's.
        Assert.InRange(currentYears.Count, 1, 2);
        Assert.All(currentYears, y => Assert.True(y > 2018));
        var currentYear = currentYears.Max();

        await using var scope = factory.Services.CreateAsyncScope();
        var comparison = await scope.ServiceProvider.GetRequiredService<BilanService>().CompareAsync(CancellationToken.None);

        Assert.Equal(new List<int> { 2017, 2018 }.Concat(rows.Select(r => r.BudgetYear).Distinct().Order()), comparison.Years);
        Assert.All(currentYears, y => Assert.Contains(y, comparison.Years));
        foreach (var (year, index) in comparison.Years.Select((y, i) => (y, i)))
        {
            var expected = year <= 2018
                ? published.Year(year).Rows.ToDictionary(r => r.Domain, r => (r.Projects, r.Amount * 100))
                : rows.Where(r => r.BudgetYear == year).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.AmountCentimes)));
            foreach (var domain in comparison.Domains)
            {
                Assert.Equal(expected.GetValueOrDefault(domain.Code), (domain.Cells[index].Projects, domain.Cells[index].AmountCentimes));
            }

            var total = year <= 2018
                ? (published.Year(year).Projects, published.Year(year).Amount * 100)
                : (rows.Count(r => r.BudgetYear == year), rows.Where(r => r.BudgetYear == year).Sum(r => r.AmountCentimes));
            Assert.Equal(total, (comparison.Totals[index].Projects, comparison.Totals[index].AmountCentimes));
        }

        // The change from 2018 for the current year, computed here from the figures above (one decimal, half away from zero).
        var at = comparison.Years.ToList().IndexOf(currentYear);
        var before = comparison.Totals[at - 1];
        var expectedChange = Math.Round((comparison.Totals[at].Projects - before.Projects) * 100m / before.Projects, 1, MidpointRounding.AwayFromZero);
        Assert.Equal(expectedChange, comparison.Totals[at].ProjectsChangePercent);
    }

    [Fact]
    public void Counted_statuses_are_signed_in_progress_completed_and_terminated()
    {
        // docs/bilan.md writes these down; change both together.
        Assert.Equal(
            [ConventionStatus.Signed, ConventionStatus.InProgress, ConventionStatus.Completed, ConventionStatus.Terminated],
            Convention.CountedStatuses);
    }

    private async Task<BilanReport> BuildAsync(int year)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BilanService>().BuildAsync(year, CancellationToken.None);
    }
}
