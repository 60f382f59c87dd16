using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Data.Entities;
using UglyToad.PdfPig;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// A manager opens the bilan of a year recorded for this test, sees both charts drawn, and downloads the PDF and the
/// workbook, which hold the same figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ManagerBilanJourneyTests(PortalServer server)
{
    // A year of its own: the agent's journey records 2031, and the bilan cache is per year.
    private const int Year = 2032;

    [BrowserFact]
    public async Task A_manager_sees_the_year_s_bilan_with_both_charts_and_downloads_the_PDF_and_the_workbook()
    {
        var (education, holidays, reference) = await ArrangeYearAsync();
        var page = await server.SignedInPageAsync("manager@portail.test");

        await page.GotoAsync("/Bilan");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{Year}", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Bilan/{Year}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Bilan du partenariat pour l'année {Year}");

        // The table: the cancelled project does not count; rows by number of projects, then amount; planned and
        // reached beneficiaries last (none given here).
        var rows = page.Locator("#bilan-domains tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal($"{education} 1 50,0 % 125 000 61,0 % 100 0", BilanText.Normalize(await rows.Nth(0).InnerTextAsync()).Trim());
        Assert.Equal($"{holidays} 1 50,0 % 80 000 39,0 % 0 0", BilanText.Normalize(await rows.Nth(1).InnerTextAsync()).Trim());
        Assert.Equal("Total 2 100,0 % 205 000 100,0 % 100 0", BilanText.Normalize(await page.Locator("#bilan-domains tfoot tr").InnerTextAsync()).Trim());

        // Both projects are in Fès: one region, which the page's filter keeps; the export links carry the filter.
        Assert.Equal("Fès-Meknès 2 100,0 % 205 000 100,0 % 100 0", BilanText.Normalize(await page.Locator("#bilan-regions tbody tr").InnerTextAsync()).Trim());
        await page.Locator("#region").SelectOptionAsync("FesMeknes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Bilan/{Year}\\?region=FesMeknes"));
        await Assertions.Expect(page.Locator(".bilan-filter-text")).ToHaveTextAsync("Filtré : Région : Fès-Meknès");

        // The four charts drawn by Chart.js, with the tables' figures, and not blank.
        var painted = await Charts.WaitForChartsAsync(page);
        await PortalServer.ScreenshotAsync(page, "bilan-regions");
        Assert.Equal(["chart-projects", "chart-amounts", "chart-region-projects", "chart-region-amounts"], painted.Keys);
        Assert.All(painted, chart => Assert.True(chart.Value > 5_000, $"{chart.Key}: only {chart.Value} painted pixels"));
        var projectValues = await ChartValuesAsync(page, "chart-projects");
        var amountValues = await ChartValuesAsync(page, "chart-amounts");
        Assert.Equal([1, 1], projectValues);
        Assert.Equal([125_000, 80_000], amountValues);
        var regionAmounts = await ChartValuesAsync(page, "chart-region-amounts");
        Assert.Equal([205_000], regionAmounts);
        await Assertions.Expect(page.Locator(".bilan-legend").First).ToContainTextAsync(education);

        // The PDF holds the table's figures in order.
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le PDF" }).ClickAsync());
        Assert.Equal($"bilan-{Year}.pdf", pdf.SuggestedFilename);
        var pdfPath = await pdf.PathAsync();
        using (var document = PdfDocument.Open(pdfPath))
        {
            var text = BilanText.Normalize(string.Join("\n", document.GetPages().Select(p => p.Text)));
            BilanText.AssertInOrder(text, [$"Bilan du partenariat pour l'année {Year}", education, "1", "125 000", holidays, "1", "80 000", "Total", "2", "205 000"]);
            Assert.Contains("enveloppe totale de 205 000 dirhams", text, StringComparison.Ordinal);
        }

        // The workbook: the same table with its total, and the two counted projects, not the cancelled one.
        var excel = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le fichier Excel" }).ClickAsync());
        Assert.Equal($"bilan-{Year}.xlsx", excel.SuggestedFilename);
        await using (var stream = File.OpenRead(await excel.PathAsync()))
        using (var workbook = new XLWorkbook(stream))
        {
            var table = workbook.Worksheet(1);
            Assert.Equal("Filtré : Région : Fès-Meknès", table.Cell(2, 1).GetString());
            Assert.Equal((education, 1, 125_000L), (table.Cell(4, 1).GetString(), table.Cell(4, 2).GetValue<int>(), table.Cell(4, 3).GetValue<long>()));
            Assert.Equal((holidays, 1, 80_000L), (table.Cell(5, 1).GetString(), table.Cell(5, 2).GetValue<int>(), table.Cell(5, 3).GetValue<long>()));
            Assert.Equal(("Total", 2, 205_000L), (table.Cell(6, 1).GetString(), table.Cell(6, 2).GetValue<int>(), table.Cell(6, 3).GetValue<long>()));
            var projects = workbook.Worksheet(2);
            var lines = Enumerable.Range(2, projects.LastRowUsed().RowNumber() - 1)
                .Select(r => (projects.Cell(r, 2).GetString(), projects.Cell(r, 3).GetString(), projects.Cell(r, 5).GetValue<long>()))
                .OrderByDescending(l => l.Item3)
                .ToList();
            Assert.Equal([(reference, education, 125_000L), (reference, holidays, 80_000L)], lines);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>One signed convention of the year: two counted projects in two domains, and a cancelled one that must not count.</summary>
    private async Task<(string Education, string Holidays, string Reference)> ArrangeYearAsync() =>
        await server.WithDbAsync(async db =>
        {
            var domains = await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Code);
            var association = new Association
            {
                Name = "Association Bilan Navigateur " + Guid.NewGuid().ToString("N")[..6],
                RegistrationNumber = "NAV-" + Guid.NewGuid().ToString("N")[..8],
                City = "Fès",
                Region = Region.FesMeknes,
            };
            var convention = new Convention
            {
                Reference = Convention.FormatReference(Year, 1),
                BudgetYear = Year,
                Sequence = 1,
                Association = association,
                SigningDate = new DateOnly(Year, 2, 10),
                Status = ConventionStatus.Signed,
            };
            Project Line(string code, string title, long dirhams, ProjectStatus status) => new()
            {
                Title = title, DomainId = domains[code].Id, City = "Fès", AmountCentimes = dirhams * 100, Status = status, BudgetYear = Year,
            };
            var darija = Line("EDU", "Cours de darija pour adultes", 125_000, ProjectStatus.InProgress);
            darija.BeneficiariesCount = 100;
            convention.Projects =
            [
                darija,
                Line("CAMP", "Colonie de vacances à Ifrane", 80_000, ProjectStatus.Completed),
                Line("EDU", "Projet annulé", 40_000, ProjectStatus.Cancelled),
            ];
            convention.RecomputeTotal();
            db.Conventions.Add(convention);
            await db.SaveChangesAsync();
            return (domains["EDU"].NameFr, domains["CAMP"].NameFr, convention.Reference);
        });

    private static async Task<long[]> ChartValuesAsync(IPage page, string canvasId) =>
        await page.EvaluateAsync<long[]>($"() => Chart.getChart(document.getElementById('{canvasId}')).data.datasets[0].data");
}
