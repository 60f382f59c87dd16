using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Infrastructure.Identity;

namespace PartnershipPortal.Tests.Foundation;

public sealed class DemoDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task Seeded_figures_per_domain_computed_in_SQL_equal_the_published_table(int year)
    {
        _ = factory.Services;
        var published = PublishedBilan.Load().Year(year);

        var rows = await QueryAsync(
            """
            SELECT d.Code, COUNT(*), SUM(p.AmountCentimes)
            FROM Projects p
            JOIN Domains d ON d.Id = p.DomainId
            JOIN Conventions c ON c.Id = p.ConventionId
            WHERE p.BudgetYear = $year AND c.Status IN ('Signed', 'InProgress', 'Completed') AND p.Status <> 'Cancelled'
            GROUP BY d.Code
            ORDER BY COUNT(*) DESC, SUM(p.AmountCentimes) DESC
            """,
            year,
            r => (Code: r.GetString(0), Projects: r.GetInt32(1), Centimes: r.GetInt64(2)));

        Assert.Equal(
            published.Rows.Select(r => (r.Domain, r.Projects, r.Amount * 100)),
            rows.Select(r => (r.Code, r.Projects, r.Centimes)));
        Assert.Equal(published.Projects, rows.Sum(r => r.Projects));
        Assert.Equal(published.Amount * 100, rows.Sum(r => r.Centimes));

        var associations = await QueryAsync(
            "SELECT COUNT(DISTINCT AssociationId) FROM Conventions WHERE BudgetYear = $year AND Status IN ('Signed', 'InProgress', 'Completed')",
            year,
            r => r.GetInt32(0));
        Assert.Equal(published.Associations, associations.Single());
    }

    [Fact]
    public async Task Every_convention_total_is_the_exact_sum_of_its_projects()
    {
        var mismatches = await factory.WithDbAsync(db => db.Conventions
            .Where(c => c.TotalCentimes != c.Projects.Sum(p => p.AmountCentimes))
            .Select(c => c.Reference)
            .ToListAsync());
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Conventions_are_numbered_per_year_without_gaps()
    {
        var references = await factory.WithDbAsync(db => db.Conventions
            .Where(c => c.BudgetYear == 2018)
            .OrderBy(c => c.Sequence)
            .Select(c => c.Reference)
            .ToListAsync());
        // The 42 published conventions, then the draft and the signed convention whose only project was cancelled.
        Assert.Equal(Enumerable.Range(1, 44).Select(i => $"CONV-2018-{i:000}"), references);
    }

    [Fact]
    public async Task Demo_association_account_is_linked_to_an_association_with_conventions_in_both_years_and_a_current_one()
    {
        var (years, current) = await factory.WithDbAsync(async db => (
            await db.Users
                .Where(u => u.Email == "association@portail.test")
                .SelectMany(u => u.Association!.Conventions.Select(c => c.BudgetYear))
                .Distinct()
                .OrderBy(y => y)
                .ToListAsync(),
            await db.Projects.Where(p => EF.Functions.Like(p.Title, Web.Features.Payments.DemoPaymentsSeeder.CurrentTitlePrefix + "%")
                && p.Convention!.Association!.RegistrationNumber == Data.Seeding.DemoDataSeeder.DemoAssociationRegistrationNumber).Select(p => p.BudgetYear).SingleAsync()));
        Assert.Equal([2017, 2018, current], years);
    }

    [Fact]
    public async Task Some_associations_are_funded_in_both_years_and_projects_span_the_regions()
    {
        var (bothYears, regions, humanitarianWithoutCall) = await factory.WithDbAsync(async db => (
            await db.Associations.CountAsync(a =>
                a.Conventions.Any(c => c.BudgetYear == 2017) && a.Conventions.Any(c => c.BudgetYear == 2018)),
            await db.Associations.Where(a => a.Conventions.Any()).Select(a => a.Region).Distinct().CountAsync(),
            await db.Projects.CountAsync(p => p.BudgetYear == 2017 && p.Domain!.Code == "HUM" && p.Convention!.CallForProjectsId == null)));

        Assert.InRange(bothYears, 10, 41);
        Assert.Equal(12, regions);
        Assert.Equal(10, humanitarianWithoutCall);
    }

    [Fact]
    public async Task Seeding_twice_changes_nothing()
    {
        var before = await FingerprintAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
            var identity = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
            await identity.SeedRolesAsync(CancellationToken.None);
            await identity.SeedDemoAccountsAsync(CancellationToken.None);
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task The_demo_data_is_the_same_on_every_run()
    {
        // This year's follow-up conventions are dated from the clock: two runs on the same day seed the same rows.
        var day = new DateTimeOffset(2061, 6, 15, 9, 0, 0, TimeSpan.Zero);
        // Both seed on their own: a copy of the first's database would make the test compare it with itself.
        using var first = new ClockedPortalFactory { StartsFromSeededTemplate = false };
        using var other = new ClockedPortalFactory { StartsFromSeededTemplate = false };
        first.Clock.SetUtcNow(day);
        other.Clock.SetUtcNow(day);
        _ = first.Services;
        _ = other.Services;

        var content = await ContentAsync(first);
        Assert.Contains("CONV-2061-", content, StringComparison.Ordinal);
        Assert.Equal(content, await ContentAsync(other));
    }

    private static Task<string> ContentAsync(PortalFactory portal) => portal.WithDbAsync(async db =>
    {
        var projects = await db.Projects.OrderBy(p => p.Id)
            .Select(p => p.Convention!.Reference + "|" + p.Convention.Association!.Name + "|" + p.Title + "|" + p.AmountCentimes + "|" + p.StartDate)
            .ToListAsync();
        return string.Join("\n", projects);
    });

    private Task<string> FingerprintAsync() => factory.WithDbAsync(async db => string.Join(",",
        await db.Domains.CountAsync(),
        await db.Associations.CountAsync(),
        await db.Calls.CountAsync(),
        await db.Conventions.CountAsync(),
        await db.Projects.CountAsync(),
        await db.Activities.CountAsync(),
        await db.Users.CountAsync(),
        await db.Roles.CountAsync(),
        await db.UserRoles.CountAsync(),
        await db.Projects.SumAsync(p => p.AmountCentimes)));

    private Task<List<T>> QueryAsync<T>(string sql, int year, Func<DbDataReader, T> read) => factory.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    });
}
