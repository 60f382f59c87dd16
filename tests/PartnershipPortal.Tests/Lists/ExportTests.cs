using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;

namespace PartnershipPortal.Tests.Lists;

/// <summary>The lists' CSV and Excel exports: the list's filters and sort, every page, formulas neutralised.</summary>
public sealed partial class ExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_CSV_export_has_the_lists_rows_filters_and_sort()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var (expected, shown) = await ExpectedAsync(client, "year=2017&sort=amount&desc=true&pageSize=10");

        var response = await client.GetAsync("/Projects/Export?format=csv&year=2017&sort=amount&desc=true&pageSize=10&page=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Projet;Convention;Association;Domaine;Ville;Année;Statut;Montant", lines[0]);
        var rows = lines[1..];
        Assert.Equal(expected.Count, rows.Length);
        Assert.Equal(shown, rows.Length);
        // Sorted by amount, largest first, then by id as the list does: the same sequence of amounts as the database's.
        Assert.Equal(expected.Select(p => (p.AmountCentimes / 100m).ToString("0.00", CultureInfo.GetCultureInfo("fr-FR"))), rows.Select(r => LastField(r)));
        Assert.All(rows, r => Assert.Contains(";2017;", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Excel_export_has_the_lists_rows_filters_and_sort()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var domain = await factory.WithDbAsync(db => db.Domains.OrderBy(d => d.DisplayOrder).Select(d => d.Id).FirstAsync());
        var filter = $"year=2018&domainId={domain}&sort=title";
        var (expected, shown) = await ExpectedAsync(client, filter);

        var response = await client.GetAsync($"/Projects/Export?format=xlsx&{filter}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheets.First();
        var rows = sheet.RowsUsed().Skip(1).ToList();
        Assert.Equal(shown, rows.Count);
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected.Select(p => p.Title), rows.Select(r => r.Cell(1).GetString()));
        Assert.Equal(expected.Select(p => p.AmountCentimes / 100m), rows.Select(r => r.Cell(8).GetValue<decimal>()));
    }

    [Fact]
    public async Task Formula_looking_texts_are_neutralised_in_CSV_and_Excel()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        const string formula = "=cmd|' /C calc'!A0";
        await factory.WithDbAsync(db => SearchTests.ArrangeAsync(db, "Formule", "=HYPERLINK(\"http://x\")", formula));
        var query = "q=formule%20calc";

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/Projects/Export?format=csv&{query}"));
        using var workbook = new XLWorkbook(new MemoryStream(await client.GetByteArrayAsync($"/Projects/Export?format=xlsx&{query}")));

        var line = csv.Split("\r\n")[1];
        Assert.StartsWith("'=cmd|' /C calc'!A0;", line, StringComparison.Ordinal);
        Assert.Contains(";\"'=HYPERLINK(\"\"http://x\"\")\";", line, StringComparison.Ordinal);
        var cell = workbook.Worksheets.First().Cell(2, 1);
        Assert.False(cell.HasFormula);
        Assert.Equal("'" + formula, cell.GetString());
        Assert.False(workbook.Worksheets.First().Cell(2, 5).HasFormula);
        Assert.StartsWith("'=", workbook.Worksheets.First().Cell(2, 5).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_export_format_is_not_found_and_the_association_role_gets_nothing()
    {
        var staff = await factory.SignedInClientAsync("manager@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Projects/Export?format=pdf")).StatusCode);
        RecordPages.AssertForbidden(await association.GetAsync("/Projects/Export?format=csv"));
    }

    /// <summary>The projects the list shows under <paramref name="filter"/>, every page, read from the database; and the list's own count.</summary>
    private async Task<(List<Project> Expected, int Shown)> ExpectedAsync(HttpClient client, string filter)
    {
        var page = RecordPages.Text(await client.PageAsync("/Projects?" + filter));
        var shown = int.Parse(Count().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var query = System.Web.HttpUtility.ParseQueryString(filter);
        var expected = await factory.WithDbAsync(async db =>
        {
            var projects = db.Projects.AsNoTracking();
            if (query["year"] is { } year)
            {
                projects = projects.Where(p => p.BudgetYear == int.Parse(year, CultureInfo.InvariantCulture));
            }

            if (query["domainId"] is { } domain)
            {
                projects = projects.Where(p => p.DomainId == int.Parse(domain, CultureInfo.InvariantCulture));
            }

            var list = await projects.ToListAsync();
            return query["sort"] == "amount"
                ? [.. list.OrderByDescending(p => p.AmountCentimes).ThenByDescending(p => p.Id)]
                : list.OrderBy(p => p.Title, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        });
        return (expected, shown);
    }

    private static string LastField(string row) => row[(row.LastIndexOf(';') + 1)..];

    [GeneratedRegex(@"([\d ]+) résultat\(s\)")]
    private static partial Regex Count();
}
