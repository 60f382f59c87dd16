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

        Assert.Equal([2017, 2018], comparison.Years);
        var education = comparison.Domains.Single(d => d.Code == "EDU").Cells;
        Assert.Equal((65, 4_022_000_00L, (decimal?)null), (education[0].Projects, education[0].AmountCentimes, education[0].ProjectsChangePercent));
        Assert.Equal((16, 543_500_00L), (education[1].Projects, education[1].AmountCentimes));
        Assert.Equal(-75.4m, education[1].ProjectsChangePercent); // (16 - 65) / 65
        Assert.Equal(-86.5m, education[1].AmountChangePercent); // (543 500 - 4 022 000) / 4 022 000
        Assert.Equal([110, 44], comparison.Totals.Select(t => t.Projects));
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
