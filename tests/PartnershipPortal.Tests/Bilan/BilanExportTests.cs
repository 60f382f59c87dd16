using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using UglyToad.PdfPig;

using static PartnershipPortal.Tests.Shared.BilanText;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>The PDF and the workbook hold the published figures, in the published order.</summary>
public sealed partial class BilanExportTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task Pdf_text_holds_the_published_table_in_order_with_its_total(int year)
    {
        var published = PublishedBilan.Load().Year(year);
        var domains = PublishedBilan.Load().Domains.ToDictionary(d => d.Code, d => d.Fr);
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        using var response = await client.GetAsync($"/Bilan/{year}/Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"bilan-{year}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var pages = pdf.GetPages().ToList();
        var text = Normalize(string.Join("\n", pages.Select(p => p.Text)));

        var expected = new List<string> { "Tableau N° 01", $"Bilan du partenariat pour l'année {year}" };
        foreach (var row in published.Rows)
        {
            expected.AddRange([domains[row.Domain], Count(row.Projects), Count(row.Amount)]);
        }

        expected.AddRange(["Total", Count(published.Projects), Count(published.Amount)]);
        expected.AddRange(["Graphique N°1", "Graphique N°2", $"Activités du programme en {year}"]);
        AssertInOrder(text, expected);
        Assert.Contains($"{Count(published.Associations)} associations", text);
        Assert.Contains($"enveloppe totale de {Count(published.Amount)} dirhams", text);

        Assert.Equal(595, Math.Round(pages[0].Width));
        Assert.Equal(842, Math.Round(pages[0].Height));
        Assert.Contains($"Page 1 / {pages.Count}", text);
        Assert.Contains($"Page {pages.Count} / {pages.Count}", text);
        Assert.Contains("Généré le " + factory.Clock.GetUtcNow().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), text);
        // Fonts come with the portal and are embedded; the pies are paths, not pictures.
        Assert.All(pages.SelectMany(p => p.Letters).Select(l => l.FontName).Distinct(), f => Assert.Contains("DejaVuSans", f));
        Assert.All(pages, p => Assert.Empty(p.GetImages()));
    }

    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task Workbook_holds_the_table_with_a_sum_formula_the_projects_and_the_chart_data(int year)
    {
        var published = PublishedBilan.Load().Year(year);
        var domains = PublishedBilan.Load().Domains.ToDictionary(d => d.Code, d => d.Fr);
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        using var response = await client.GetAsync($"/Bilan/{year}/Excel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"bilan-{year}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = new XLWorkbook(stream);

        var table = workbook.Worksheet(1);
        Assert.Equal("Domaine d'intervention", table.Cell(3, 1).GetString());
        Assert.True(table.Cell(3, 1).Style.Font.Bold);
        var rows = Enumerable.Range(4, published.Rows.Count)
            .Select(r => (table.Cell(r, 1).GetString(), table.Cell(r, 2).GetValue<int>(), table.Cell(r, 3).GetValue<long>()))
            .ToList();
        Assert.Equal(published.Rows.Select(r => (domains[r.Domain], r.Projects, r.Amount)), rows);

        var total = 4 + published.Rows.Count;
        Assert.Equal("Total", table.Cell(total, 1).GetString());
        Assert.Equal($"SUM(B4:B{total - 1})", table.Cell(total, 2).FormulaA1);
        Assert.Equal($"SUM(C4:C{total - 1})", table.Cell(total, 3).FormulaA1);
        Assert.Equal(published.Projects, table.Cell(total, 2).GetValue<int>());
        Assert.Equal(published.Amount, table.Cell(total, 3).GetValue<long>());
        Assert.Equal("#,##0", table.Cell(4, 3).Style.NumberFormat.Format);
        Assert.Equal("#,##0", table.Cell(total, 3).Style.NumberFormat.Format);
        Assert.True(table.Cell(total, 1).Style.Font.Bold);
        Assert.Equal(published.Associations, table.Cell(total + 3, 2).GetValue<int>());

        var projects = workbook.Worksheet(2);
        var list = Assert.Single(projects.Tables);
        Assert.True(list.ShowAutoFilter);
        Assert.Equal(["Association", "Convention", "Domaine d'intervention", "Ville", "Montant (DH)", "Statut"],
            Enumerable.Range(1, 6).Select(c => projects.Cell(1, c).GetString()));
        var lines = Enumerable.Range(2, list.DataRange.RowCount()).Select(r => (
            Domain: projects.Cell(r, 3).GetString(),
            Reference: projects.Cell(r, 2).GetString(),
            Amount: projects.Cell(r, 5).GetValue<long>())).ToList();
        Assert.Equal(published.Projects, lines.Count);
        Assert.All(lines, l => Assert.StartsWith($"CONV-{year}-", l.Reference, StringComparison.Ordinal));
        Assert.Equal(
            published.Rows.Select(r => (domains[r.Domain], r.Projects, r.Amount)).OrderBy(r => r.Item1),
            lines.GroupBy(l => l.Domain).Select(g => (g.Key, g.Count(), g.Sum(l => l.Amount))).OrderBy(r => r.Key));

        var charts = workbook.Worksheet(3);
        Assert.StartsWith("Graphique N°1", charts.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(published.Rows.Select(r => (domains[r.Domain], (long)r.Projects)),
            Enumerable.Range(3, published.Rows.Count).Select(r => (charts.Cell(r, 1).GetString(), charts.Cell(r, 2).GetValue<long>())));
        var second = 3 + published.Rows.Count + 1;
        Assert.StartsWith("Graphique N°2", charts.Cell(second, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(published.Rows.Select(r => r.Amount),
            Enumerable.Range(second + 2, published.Rows.Count).Select(r => charts.Cell(r, 2).GetValue<long>()));
    }

    [Fact]
    public async Task Workbook_with_its_streamed_project_sheet_is_valid_OpenXml()
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        using var stream = new MemoryStream(await client.GetByteArrayAsync("/Bilan/2017/Excel"));

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task Page_shows_the_narrative_the_table_in_order_and_the_data_of_both_charts(int year)
    {
        var published = PublishedBilan.Load().Year(year);
        var domains = PublishedBilan.Load().Domains.ToDictionary(d => d.Code, d => d.Fr);
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        var html = await client.GetStringAsync($"/Bilan/{year}");
        var text = Normalize(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")));

        Assert.Contains($"avec {published.Associations} associations pour la réalisation de {published.Projects} projets", text);
        Assert.Contains($"enveloppe totale de {Count(published.Amount)} dirhams", text);
        var expected = new List<string> { "Tableau N° 01" };
        foreach (var row in published.Rows)
        {
            expected.AddRange([domains[row.Domain], Count(row.Projects), Count(row.Amount)]);
        }

        expected.AddRange(["Total", Count(published.Projects), Count(published.Amount)]);
        AssertInOrder(text, expected);

        Assert.Contains("id=\"chart-projects\"", html);
        Assert.Contains("id=\"chart-amounts\"", html);
        Assert.Contains("<script type=\"application/json\" id=\"bilan-data\">", html);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", html);
        Assert.Contains("/js/bilan-charts.js", html);
        // No inline executable script: every <script> has a src or is a JSON data block.
        Assert.All(ScriptPattern().Matches(html), m =>
            Assert.True(m.Value.Contains("src=", StringComparison.Ordinal) || m.Value.Contains("application/json", StringComparison.Ordinal), m.Value));
        Assert.Contains($"href=\"/Bilan/{year}/Pdf\"", html);
        Assert.Contains($"href=\"/Bilan/{year}/Excel\"", html);
    }

    [Fact]
    public async Task Comparison_page_lists_each_domain_per_year_with_the_change()
    {
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        var html = await client.GetStringAsync("/Bilan");
        var text = Normalize(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")));

        AssertInOrder(text, ["Intégration éducative des immigrés et réfugiés", "2017", "65", "4 022 000", "2018", "16", "-75,4 %", "543 500", "-86,5 %"]);
        Assert.Contains("id=\"chart-years-projects\"", html);
        Assert.Contains("<script type=\"application/json\" id=\"bilan-comparison-data\">", html);
    }

    [Fact]
    public async Task Chart_script_and_library_are_served_by_the_portal()
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        using var library = await client.GetAsync("/lib/chart.js/chart.umd.min.js");
        using var script = await client.GetAsync("/js/bilan-charts.js");

        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("dataset.rendered", await script.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptPattern();
}
