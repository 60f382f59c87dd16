using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Foundation;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Tests.Lists;

/// <summary>
/// A search matching thousands of rows is paged by reading the sort index in order (docs/performance.md): the rows shown
/// must be exactly those of the plain plan, in the same order, on every page and sort.
/// </summary>
public sealed partial class BroadSearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Matching = 2_600;
    private const string Word = "Tafilalet";

    [Theory]
    [InlineData("year", true, 1)]
    [InlineData("year", true, 3)]
    [InlineData("amount", false, 1)]
    [InlineData("title", false, 2)]
    [InlineData("status", true, 1)]
    [InlineData("year", true, 100)]
    public async Task A_search_matching_thousands_of_projects_shows_the_same_rows_in_the_same_order(string sort, bool desc, int page)
    {
        var projects = await ArrangeAsync();
        var client = await factory.SignedInClientAsync("agent@portail.test");

        var html = await client.PageAsync($"/Projects?q={Word.ToLowerInvariant()}&sort={sort}&desc={desc}&page={page}&pageSize=25");

        var expected = Order(projects, sort, desc).Skip((Math.Min(page, Matching / 25) - 1) * 25).Take(25).Select(p => p.Id).ToList();
        Assert.Equal(expected, ProjectIds(html));
    }

    [Fact]
    public async Task The_walking_plan_hides_the_id_from_the_planner_only_on_SQLite()
    {
        using var sqlite = ModelTests.SqliteContext();
        using var sqlServer = ModelTests.SqlServerContext();

        Assert.True(new RecordSearch(sqlite).PlannerNeedsWalkHint);
        Assert.False(new RecordSearch(sqlServer).PlannerNeedsWalkHint);
        var ids = new RecordSearch(sqlite).Ids(SearchIndex.Projects, Word)!;
        Assert.Contains("\"p\".\"Id\" + 0 IN", sqlite.Projects.Where(p => ids.Contains(p.Id + 0)).ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_s_ids_reach_the_database_as_one_parameter_so_every_page_shares_one_statement_on_both_providers()
    {
        using var sqlite = ModelTests.SqliteContext();
        using var sqlServer = ModelTests.SqlServerContext();
        var sorts = new SortMap<Project>("title", false, p => p.Id).Add<string>("title", p => p.Title);

        foreach (var db in new[] { sqlite, sqlServer })
        {
            var first = db.Projects.Where(sorts.IdIn([101, 102, 103])).ToQueryString();
            var second = db.Projects.Where(sorts.IdIn([7, 8, 9, 10, 11])).ToQueryString();

            // ToQueryString declares the parameters' values above the SQL; the statement itself must be the same whatever
            // the ids and however many: one parameter per id would give EF Core a statement to write again on every view.
            Assert.Equal(Statement(first), Statement(second));
            Assert.DoesNotContain("101", Statement(first), StringComparison.Ordinal);
            Assert.Contains("[101,102,103]", first, StringComparison.Ordinal);
        }
    }

    private static string Statement(string sql) => sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..];

    [Theory]
    [InlineData(1_999, 25, false)]
    [InlineData(2_000, 25, true)]
    [InlineData(70_000, 17_500, true)]
    [InlineData(70_000, 17_501, false)]
    public void Walking_the_index_is_chosen_for_many_matches_and_a_page_in_the_first_quarter(int total, int rowsNeeded, bool walk) =>
        Assert.Equal(walk, ListPageExtensions.WalkPays(total, rowsNeeded));

    private static IEnumerable<Stored> Order(List<Stored> projects, string sort, bool desc)
    {
        IOrderedEnumerable<Stored> ordered = sort switch
        {
            "amount" => desc ? projects.OrderByDescending(p => p.AmountCentimes) : projects.OrderBy(p => p.AmountCentimes),
            "title" => desc ? projects.OrderByDescending(p => p.Title, StringComparer.Ordinal) : projects.OrderBy(p => p.Title, StringComparer.Ordinal),
            "status" => desc ? projects.OrderByDescending(p => p.Status.ToString(), StringComparer.Ordinal) : projects.OrderBy(p => p.Status.ToString(), StringComparer.Ordinal),
            _ => desc ? projects.OrderByDescending(p => p.BudgetYear) : projects.OrderBy(p => p.BudgetYear),
        };
        return desc ? ordered.ThenByDescending(p => p.Id) : ordered.ThenBy(p => p.Id);
    }

    private static List<int> ProjectIds(string html) =>
        [.. DetailsLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static List<Stored>? _stored;

    /// <summary>
    /// 2,600 projects holding the word, in five years, with amounts, titles and statuses that tie often (so the id decides),
    /// beside 400 that do not hold it; written once for the class.
    /// </summary>
    private async Task<List<Stored>> ArrangeAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _stored ??= await factory.WithDbAsync(WriteAsync);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<List<Stored>> WriteAsync(PortalDbContext db)
    {
        var domain = await db.Domains.Select(d => d.Id).FirstAsync();
        var association = new Association { Name = "Association des jardins", RegistrationNumber = "S-BROAD-1", City = "Errachidia", Region = Region.DraaTafilalet };
        var statuses = new[] { ProjectStatus.Planned, ProjectStatus.InProgress, ProjectStatus.Completed };
        var made = new List<Project>();
        for (var c = 0; c < 30; c++)
        {
            var year = 2061 + (c % 5);
            var sequence = 500 + c;
            var convention = new Convention { Reference = Convention.FormatReference(year, sequence), BudgetYear = year, Sequence = sequence, Association = association };
            for (var i = 0; i < 100; i++)
            {
                var n = c * 100 + i;
                var holds = n < Matching;
                var project = new Project
                {
                    Title = holds ? $"Atelier {Word} {n % 37:00}" : $"Atelier de couture {n}",
                    City = holds ? "Rissani" : "Azrou",
                    DomainId = domain,
                    BudgetYear = year,
                    AmountCentimes = 10_000 * (1 + (n * 7919 % 53)),
                    Status = statuses[n % 3],
                };
                convention.Projects.Add(project);
                if (holds)
                {
                    made.Add(project);
                }
            }

            convention.RecomputeTotal();
            db.Add(convention);
        }

        await db.SaveChangesAsync();
        return [.. made.Select(p => new Stored(p.Id, p.Title, p.BudgetYear, p.AmountCentimes, p.Status))];
    }

    private sealed record Stored(int Id, string Title, int BudgetYear, long AmountCentimes, ProjectStatus Status);

    [GeneratedRegex("href=\"/Projects/Details/(\\d+)\"")]
    private static partial Regex DetailsLink();
}
