using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan.Excel;
using PartnershipPortal.Web.Features.Bilan.Pdf;
using PartnershipPortal.Web.Features.Shared;
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
    RecordLookups lookups,
    TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var comparison = await bilan.ComparisonAsync(cancellationToken);
        return View(new BilanIndexViewModel(comparison, BilanChartData.ForComparison(comparison)));
    }

    [HttpGet("{year}")]
    public async Task<IActionResult> Year(string year, [FromQuery] BilanFilter filter, CancellationToken cancellationToken)
    {
        if (!TryParseYear(year, out var value))
        {
            return InvalidYear(year);
        }

        if (!IsValid(filter))
        {
            return InvalidFilter();
        }

        var report = await bilan.ReportAsync(value, filter, cancellationToken);
        var years = await bilan.YearsAsync(cancellationToken);
        return View(new BilanYearViewModel(
            report,
            years,
            report.HasData ? narrative.Summary(report) : narrative.NoData(value),
            narrative,
            table,
            BilanChartData.ForYear(report, narrative, table),
            filter,
            await OptionsAsync(cancellationToken)));
    }

    [HttpGet("{year}/Pdf")]
    public async Task<IActionResult> Pdf(string year, [FromQuery] BilanFilter filter, CancellationToken cancellationToken)
    {
        if (!TryParseYear(year, out var value))
        {
            return InvalidYear(year);
        }

        if (!IsValid(filter))
        {
            return InvalidFilter();
        }

        var report = await ExportedReportAsync(value, filter, cancellationToken);
        if (!report.HasData)
        {
            return NoData(value);
        }

        return File(pdf.Export(report, await FilterTextAsync(filter, cancellationToken)), "application/pdf", FileName(value, "pdf"));
    }

    [HttpGet("{year}/Excel")]
    public async Task<IActionResult> Excel(string year, [FromQuery] BilanFilter filter, CancellationToken cancellationToken)
    {
        if (!TryParseYear(year, out var value))
        {
            return InvalidYear(year);
        }

        if (!IsValid(filter))
        {
            return InvalidFilter();
        }

        var workbook = await excel.ExportAsync(value, filter, await FilterTextAsync(filter, cancellationToken), cancellationToken);
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
    private async Task<BilanReport> ExportedReportAsync(int year, BilanFilter filter, CancellationToken cancellationToken) =>
        await bilan.ReportAsync(year, filter, cancellationToken) with { GeneratedAtUtc = clock.GetUtcNow().UtcDateTime };

    /// <summary>A region that is not one of the twelve, or a call or domain that is not a number, was typed by hand.</summary>
    private bool IsValid(BilanFilter filter) =>
        ModelState.IsValid && (filter.Region is not { } region || Enum.IsDefined(region));

    private async Task<BilanFilterOptions> OptionsAsync(CancellationToken cancellationToken) => new(
        lookups.Regions(),
        await lookups.CallsAsync(cancellationToken),
        await lookups.DomainsAsync(cancellationToken));

    /// <summary>The filter in words for the files, null without a filter: a filtered file says what it holds.</summary>
    private async Task<string?> FilterTextAsync(BilanFilter filter, CancellationToken cancellationToken) =>
        filter.IsEmpty ? null : table.FilterLine((await OptionsAsync(cancellationToken)).Describe(filter, table.RegionHeader, table.CallLabel, table.DomainLabel));

    private ViewResult InvalidFilter()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Message", new BilanMessageViewModel(narrative.InvalidFilter));
    }

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
