using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan.Excel;
using PartnershipPortal.Web.Features.Bilan.Pdf;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Bilan;

[Authorize(Policy = Policies.Staff)]
[Route("Bilan")]
public sealed class BilanController(
    BilanService bilan,
    BilanNarrative narrative,
    BilanTable table,
    BilanPdfExporter pdf,
    BilanExcelExporter excel,
    TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var comparison = await bilan.ComparisonAsync(cancellationToken);
        return View(new BilanIndexViewModel(comparison, BilanChartData.ForComparison(comparison)));
    }

    [HttpGet("{year}")]
    public async Task<IActionResult> Year(string year, CancellationToken cancellationToken)
    {
        if (!TryParseYear(year, out var value))
        {
            return InvalidYear(year);
        }

        var report = await bilan.ReportAsync(value, cancellationToken);
        var years = await bilan.YearsAsync(cancellationToken);
        return View(new BilanYearViewModel(
            report,
            years,
            report.HasData ? narrative.Summary(report) : narrative.NoData(value),
            narrative,
            table,
            BilanChartData.ForYear(report, narrative)));
    }

    [HttpGet("{year}/Pdf")]
    public async Task<IActionResult> Pdf(string year, CancellationToken cancellationToken)
    {
        if (!TryParseYear(year, out var value))
        {
            return InvalidYear(year);
        }

        var report = await ExportedReportAsync(value, cancellationToken);
        if (!report.HasData)
        {
            return NoData(value);
        }

        return File(pdf.Export(report), "application/pdf", FileName(value, "pdf"));
    }

    [HttpGet("{year}/Excel")]
    public async Task<IActionResult> Excel(string year, CancellationToken cancellationToken)
    {
        if (!TryParseYear(year, out var value))
        {
            return InvalidYear(year);
        }

        var workbook = await excel.ExportAsync(value, cancellationToken);
        if (workbook is null)
        {
            return NoData(value);
        }

        return File(
            workbook,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileName(value, "xlsx"));
    }

    /// <summary>The file states when it was made, even when its figures come from the cache.</summary>
    private async Task<BilanReport> ExportedReportAsync(int year, CancellationToken cancellationToken) =>
        await bilan.ReportAsync(year, cancellationToken) with { GeneratedAtUtc = clock.GetUtcNow().UtcDateTime };

    private static bool TryParseYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year)
        && BudgetYears.Contains(year);

    private static string FileName(int year, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"bilan-{year}.{extension}");

    private ViewResult InvalidYear(string year)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Message", new BilanMessageViewModel(
            string.Format(
                CultureInfo.InvariantCulture,
                narrative.InvalidYear,
                year,
                BudgetYears.First,
                BudgetYears.Last)));
    }

    private ViewResult NoData(int year)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Message", new BilanMessageViewModel(narrative.NoData(year)));
    }
}
