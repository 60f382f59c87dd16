using System.Diagnostics;
using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using UglyToad.PdfPig;

using static PartnershipPortal.Tests.Shared.BilanText;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>The bilan exported in English and Arabic: same figures, the reader's language, Arabic right to left.</summary>
public sealed class BilanLanguageExportTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Theory]
    [InlineData("en", "Report", "Projects", "Chart data", "Regions", "Intervention domain", "Total", "Amount (MAD)")]
    [InlineData("ar", "الحصيلة", "المشاريع", "معطيات المبيانات", "الجهات", "مجال التدخل", "المجموع", "المبلغ (درهم)")]
    public async Task Workbook_is_in_the_language_with_the_same_figures(
        string culture, string tableSheet, string projectSheet, string chartSheet, string regionSheet, string domainHeader, string total, string amountHeader)
    {
        var published = PublishedBilan.Load().Year(2017);
        var names = await DomainNamesAsync(culture);
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        using var response = await client.GetAsync($"/Bilan/2017/Excel?culture={culture}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bilan-2017.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = new XLWorkbook(stream);
        Assert.Equal([tableSheet, projectSheet, chartSheet, regionSheet], workbook.Worksheets.Select(w => w.Name));
        Assert.All(workbook.Worksheets, w => Assert.Equal(culture == "ar", w.RightToLeft));

        var table = workbook.Worksheet(1);
        Assert.Equal(domainHeader, table.Cell(3, 1).GetString());
        Assert.Equal(
            published.Rows.Select(r => (names[r.Domain], r.Projects, r.Amount)),
            Enumerable.Range(4, published.Rows.Count).Select(r => (table.Cell(r, 1).GetString(), table.Cell(r, 2).GetValue<int>(), table.Cell(r, 3).GetValue<long>())));
        var totalRow = 4 + published.Rows.Count;
        Assert.Equal(total, table.Cell(totalRow, 1).GetString());
        Assert.Equal(published.Amount, table.Cell(totalRow, 3).GetValue<long>());
        Assert.Equal("#,##0", table.Cell(totalRow, 3).Style.NumberFormat.Format);
        Assert.DoesNotContain("Bilan du partenariat", table.Cell(1, 1).GetString(), StringComparison.Ordinal);

        var projects = workbook.Worksheet(2);
        Assert.Equal(amountHeader, projects.Cell(1, 5).GetString());
        var lines = Enumerable.Range(2, Assert.Single(projects.Tables).DataRange.RowCount())
            .Select(r => (Domain: projects.Cell(r, 3).GetString(), Amount: projects.Cell(r, 5).GetValue<long>()))
            .ToList();
        Assert.Equal(
            published.Rows.Select(r => (names[r.Domain], r.Projects, r.Amount)).OrderBy(r => r.Item1, StringComparer.Ordinal),
            lines.GroupBy(l => l.Domain).Select(g => (g.Key, g.Count(), g.Sum(l => l.Amount))).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.DoesNotContain(Enumerable.Range(2, lines.Count).Select(r => projects.Cell(r, 6).GetString()), s => s is "Achevé" or "En cours" or "Prévu");
    }

    [Fact]
    public async Task English_pdf_is_in_English_with_the_same_figures()
    {
        var published = PublishedBilan.Load().Year(2017);
        var names = await DomainNamesAsync("en");
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        using var response = await client.GetAsync("/Bilan/2017/Pdf?culture=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bilan-2017.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var pages = pdf.GetPages().ToList();
        var text = Normalize(string.Join("\n", pages.Select(p => p.Text)));

        // The English names are longer and wrap in the table: the row is found by the name's first words.
        var expected = new List<string> { "Table No. 01", "Partnership report for 2017" };
        foreach (var row in published.Rows)
        {
            expected.AddRange([string.Join(' ', names[row.Domain].Split(' ').Take(3)), English(row.Projects), English(row.Amount)]);
        }

        expected.AddRange(["Total", English(published.Projects), English(published.Amount), "Chart No. 1", "Chart No. 2", "Programme activities in 2017"]);
        AssertInOrder(text, expected);
        Assert.Contains($"{English(published.Amount)} dirhams", text);
        Assert.Contains($"{English(published.Projects)} projects", text);
        Assert.All(published.Rows, r => Assert.Contains(names[r.Domain], text));
        Assert.Contains($"{English(published.Rows[0].Amount)} MAD", text);
        Assert.Contains($"Page 1 / {pages.Count}", text);
        Assert.Contains("Generated on " + factory.Clock.GetUtcNow().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), text);
        // The activities' titles and descriptions are user data, in French: look for French before them and in the footers.
        var portalText = text[..text.IndexOf("Programme activities in 2017", StringComparison.Ordinal)];
        foreach (var french in new[] { "Tableau", "Graphique", "Généré", "Bilan du partenariat", "projets", "conventions", "Activités" })
        {
            Assert.DoesNotContain(french, portalText, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Généré", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_pdf_is_produced_with_western_digits_and_renders()
    {
        var published = PublishedBilan.Load().Year(2017);
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        using var response = await client.GetAsync("/Bilan/2017/Pdf?culture=ar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bilan-2017.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var pages = pdf.GetPages().ToList();
            var text = Normalize(string.Join("\n", pages.Select(p => p.Text)));

            // Shaped Arabic is glyphs without text, but numbers are shaped left to right, in Western digits and in order.
            Assert.Contains(Count(published.Amount), text);
            foreach (var row in published.Rows)
            {
                Assert.Contains(Count(row.Amount), text);
            }

            Assert.DoesNotMatch("[\u0660-\u0669\u06F0-\u06F9]", text);
            Assert.DoesNotContain("Tableau", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Graphique", text, StringComparison.Ordinal);
            Assert.All(pages, p => Assert.Empty(p.GetImages()));

            // Right to left: the footer starts on the right with the generation date (…UTC); in French it starts on the left.
            var utc = pages[0].GetWords().Single(w => w.Text == "UTC");
            Assert.True(utc.BoundingBox.Left > pages[0].Width / 2, $"UTC at x = {utc.BoundingBox.Left}");
            Assert.Contains(factory.Clock.GetUtcNow().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), text);
        }

        // A check that is skipped without saying so passes when it should not: without poppler the test fails.
        Assert.True(File.Exists("/usr/bin/pdftoppm"), "pdftoppm is missing: apt-get install poppler-utils (.ci/run installs it).");

        // Every page renders (poppler reads the file as a viewer would).
        var directory = Directory.CreateTempSubdirectory("bilan-ar-");
        try
        {
            var file = Path.Combine(directory.FullName, "bilan.pdf");
            await File.WriteAllBytesAsync(file, bytes);
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftoppm", ["-png", "-r", "30", file, Path.Combine(directory.FullName, "page")])
            {
                RedirectStandardError = true,
            })!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.True(string.IsNullOrWhiteSpace(errors), errors);
            Assert.NotEmpty(directory.GetFiles("page*.png"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task French_exports_are_unchanged_by_a_language_request_before_them()
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        using (await client.GetAsync("/Bilan/2017/Excel?culture=ar"))
        {
        }

        using var fr = await client.GetAsync("/Bilan/2017/Excel?culture=fr");
        using var workbook = new XLWorkbook(new MemoryStream(await fr.Content.ReadAsByteArrayAsync()));

        Assert.Equal("Bilan", workbook.Worksheet(1).Name);
        Assert.False(workbook.Worksheet(1).RightToLeft);
        Assert.Equal("Domaine d'intervention", workbook.Worksheet(1).Cell(3, 1).GetString());
    }

    private async Task<Dictionary<string, string>> DomainNamesAsync(string culture) =>
        await factory.WithDbAsync(db => db.Domains.AsNoTracking().ToDictionaryAsync(
            d => d.Code,
            d => culture switch { "ar" => d.NameAr, "en" => d.NameEn, _ => d.NameFr }));

    private static string English(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);
}
