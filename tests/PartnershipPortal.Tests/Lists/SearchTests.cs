using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Foundation;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Tests.Lists;

/// <summary>Word search (FTS5 on SQLite, full-text on SQL Server) and the typeahead endpoints behind the comboboxes.</summary>
public sealed class SearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void Search_words_are_folded_for_case_and_accents()
    {
        Assert.Equal(["ecole", "de", "la", "rue", "a", "oujda", "2020"], RecordSearch.Words("  École de-la RUE à Oujda (2020) "));
        Assert.Equal("\"ecole\"* \"oujda\"*", RecordSearch.Fts5Query(["ecole", "oujda"]));
        Assert.Equal("\"ecole*\" AND \"oujda*\"", RecordSearch.SqlServerCondition(["ecole", "oujda"]));
        // Quotes, stars and operators typed by a person are separators, never FTS syntax.
        Assert.Equal(["a", "or", "b", "near"], RecordSearch.Words("\"a\" OR b* NEAR("));
        Assert.Empty(RecordSearch.Words(" -*\" "));
    }

    [Fact]
    public void On_SQL_Server_the_search_is_a_full_text_CONTAINS_with_the_words_as_a_parameter()
    {
        using var db = ModelTests.SqlServerContext();
        var ids = new RecordSearch(db).Ids(SearchIndex.Projects, "Oujda ÉCOLE")!;

        var sql = db.Projects.Where(p => ids.Contains(p.Id)).ToQueryString();

        Assert.Contains("FROM [ProjectSearch] WHERE CONTAINS([Text], @", sql, StringComparison.Ordinal);
        Assert.Contains("N'\"oujda*\" AND \"ecole*\"'", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void On_SQLite_the_search_is_an_FTS5_MATCH_with_the_words_as_a_parameter()
    {
        using var db = ModelTests.SqliteContext();
        var ids = new RecordSearch(db).Ids(SearchIndex.Conventions, "conv-2020")!;

        var sql = db.Conventions.Where(c => ids.Contains(c.Id)).ToQueryString();

        Assert.Contains("FROM \"ConventionSearch\" WHERE \"ConventionSearch\" MATCH @", sql, StringComparison.Ordinal);
        // "conv" begins every reference: it filters nothing and made the index read every convention.
        Assert.Contains("'\"2020\"*'", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"conv\"", sql, StringComparison.Ordinal);
        Assert.Null(new RecordSearch(db).Ids(SearchIndex.Conventions, "CONV-"));
        // Associations have no reference: there the word is searched.
        Assert.Contains("'\"conv\"*'", db.Associations.Where(a => new RecordSearch(db).Ids(SearchIndex.Associations, "conv")!.Contains(a.Id)).ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_finds_its_conventions_and_projects_and_CONV_alone_finds_them_all()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (_, convention, project) = await ArrangeAsync("Hyacinthe", "Tinghir");
        var (total, projects) = await factory.WithDbAsync(async db => (await db.Conventions.CountAsync(), await db.Projects.CountAsync()));

        var byReference = RecordPages.Text(await client.PageAsync($"/Conventions?q={convention}"));
        var projectsByReference = RecordPages.Text(await client.PageAsync($"/Projects?q={convention}"));
        var everyConvention = RecordPages.Text(await client.PageAsync("/Conventions?q=CONV"));
        var everyProject = RecordPages.Text(await client.PageAsync("/Projects?q=conv-"));

        Assert.Contains("1 résultat(s)", byReference, StringComparison.Ordinal);
        Assert.Contains(convention, byReference, StringComparison.Ordinal);
        Assert.Contains("1 résultat(s)", projectsByReference, StringComparison.Ordinal);
        Assert.Contains(project, projectsByReference, StringComparison.Ordinal);
        Assert.Contains($"{total} résultat(s)", everyConvention, StringComparison.Ordinal);
        Assert.Contains($"{projects} résultat(s)", everyProject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SQL_Server_migration_script_creates_the_full_text_indexes()
    {
        using var db = ModelTests.SqlServerContext();
        var script = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().GenerateScript(options: Microsoft.EntityFrameworkCore.Migrations.MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE FULLTEXT CATALOG [PortalSearch] WITH ACCENT_SENSITIVITY = OFF", script, StringComparison.Ordinal);
        foreach (var table in new[] { "ProjectSearch", "ConventionSearch", "AssociationSearch" })
        {
            Assert.Contains($"CREATE FULLTEXT INDEX ON [{table}] ([Text] LANGUAGE 0) KEY INDEX [PK_{table}]", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lists_find_records_by_any_word_whatever_the_case_and_accents()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var (association, convention, project) = await ArrangeAsync("Zéphyrine", "Tétouan");

        var associations = RecordPages.Text(await client.PageAsync("/Associations?q=ZEPHYRINE"));
        var conventions = RecordPages.Text(await client.PageAsync($"/Conventions?q={Uri.EscapeDataString("zéphyrine")}"));
        var projects = RecordPages.Text(await client.PageAsync("/Projects?q=tetouan%20ecriture%20zephyr"));

        Assert.Contains("1 résultat(s)", associations, StringComparison.Ordinal);
        Assert.Contains(association, associations, StringComparison.Ordinal);
        Assert.Contains(convention, conventions, StringComparison.Ordinal);
        Assert.Contains("1 résultat(s)", projects, StringComparison.Ordinal);
        Assert.Contains(project, projects, StringComparison.Ordinal);
        // Words begin where they begin: "phyrine" is inside a word, not the start of one.
        Assert.Contains("Aucun résultat.", RecordPages.Text(await client.PageAsync("/Associations?q=phyrine")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renaming_an_association_moves_its_projects_to_the_new_name_in_search()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        // The project's own title does not hold the association's word, so only the association's name can find it.
        var (association, _, project) = await factory.WithDbAsync(async db =>
            await ArrangeAsync(db, "Quirinal", "Ouarzazate", title: $"Atelier de lecture {Guid.NewGuid():N}"));
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Associations.SingleAsync(a => a.Name == association);
            stored.Name = "Association Ysolde des Oasis";
            await db.SaveChangesAsync();
        });

        Assert.Contains(project, RecordPages.Text(await client.PageAsync("/Projects?q=ysolde")), StringComparison.Ordinal);
        Assert.Contains("Aucun résultat.", RecordPages.Text(await client.PageAsync("/Projects?q=quirinal")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typeahead_answers_staff_the_first_matches()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var (association, _, _) = await ArrangeAsync("Wenceslas", "Chefchaouen");

        var associations = await ItemsAsync(client, "/Lookups/Associations?q=WENCES");
        var cities = await ItemsAsync(client, "/Lookups/Cities?q=chefch");
        var all = await ItemsAsync(client, "/Lookups/Associations?q=");

        var found = Assert.Single(associations);
        Assert.Equal($"{association} (Chefchaouen)", found.Text);
        Assert.Equal(await factory.WithDbAsync(db => db.Associations.Where(a => a.Name == association).Select(a => a.Id).SingleAsync()),
            int.Parse(found.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(cities, c => c.Value == "Chefchaouen");
        Assert.Equal(20, all.Count);
    }

    [Theory]
    [InlineData("/Lookups/Associations?q=a")]
    [InlineData("/Lookups/Cities?q=a")]
    public async Task Typeahead_gives_the_association_role_nothing(string url)
    {
        var client = await factory.SignedInClientAsync("association@portail.test");

        var response = await client.GetAsync(url);

        RecordPages.AssertForbidden(response);
        Assert.DoesNotContain("\"value\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typeahead_refuses_anonymous_visitors()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/Lookups/Associations?q=a");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<Item>> ItemsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<List<Item>>(await response.Content.ReadAsStringAsync(), Json)!;
    }

    /// <summary>An association with one convention and one project, each named after <paramref name="word"/>, saved through EF.</summary>
    private async Task<(string Association, string Convention, string Project)> ArrangeAsync(string word, string city) =>
        await factory.WithDbAsync(async db => await ArrangeAsync(db, word, city));

    internal static async Task<(string Association, string Convention, string Project)> ArrangeAsync(PortalDbContext db, string word, string city, string? title = null)
    {
        var domain = await db.Domains.Select(d => d.Id).FirstAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var association = new Association { Name = $"Association {word} {unique}", RegistrationNumber = "S-" + unique, City = city, Region = Region.TangerTetouanAlHoceima };
        var sequence = Interlocked.Increment(ref _sequence);
        var convention = new Convention { Reference = Convention.FormatReference(2039, sequence), BudgetYear = 2039, Sequence = sequence, Association = association };
        var project = new Project { Title = title ?? $"Atelier d'écriture {word} {unique}", City = city, DomainId = domain, BudgetYear = 2039, AmountCentimes = 100_000, Convention = convention };
        convention.Projects.Add(project);
        convention.RecomputeTotal();
        db.Add(convention);
        await db.SaveChangesAsync();
        return (association.Name, convention.Reference, project.Title);
    }

    private sealed record Item(string Value, string Text);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Conventions made here take numbers no demo convention uses, one each.
    private static int _sequence = 9000;
}
