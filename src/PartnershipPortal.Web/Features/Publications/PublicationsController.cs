using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Bilan.Pdf;
using PartnershipPortal.Web.Features.Editions;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Publications;

/// <summary>
/// The published editions, open to anyone without signing in: the list, each version's page and its figures as CSV and
/// JSON. Only published versions are read (a draft answers 404 like a missing edition), and never who published them.
/// Open to anyone, so rate-limited per client address; a version never changes, so its files may be cached by anyone.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SecurityServiceCollectionExtensions.PublicRateLimit)]
[Route("Publications")]
public sealed class PublicationsController(
    EditionService editions, BilanNarrative narrative, BilanTable table, BilanPdfExporter pdf, EditionExcelExporter excel, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>A published version's files: immutable, so shared caches may keep them for a day.</summary>
    private const int VersionCacheSeconds = 86_400;

    [HttpGet("")]
    [OutputCache(PolicyName = PublicationsCache.Policy)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await editions.PublishedAsync(cancellationToken));

    /// <summary>The edition's latest version: the address to share, which follows the publications.</summary>
    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = PublicationsCache.Policy)]
    public async Task<IActionResult> Edition(int id, CancellationToken cancellationToken)
    {
        var latest = await editions.LatestVersionAsync(id, cancellationToken);
        return latest is null ? NotFound() : await PageAsync(id, latest.Value, cancellationToken);
    }

    [HttpGet("{id:int}/Versions/{number:int}")]
    [OutputCache(PolicyName = PublicationsCache.Policy)]
    public Task<IActionResult> Version(int id, int number, CancellationToken cancellationToken) =>
        PageAsync(id, number, cancellationToken);

    [HttpGet("{id:int}/Versions/{number:int}/Csv")]
    [ResponseCache(Duration = VersionCacheSeconds, Location = ResponseCacheLocation.Any)]
    public async Task<IActionResult> Csv(int id, int number, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        return document is null ? NotFound() : File(EditionOpenData.Csv(document), "text/csv; charset=utf-8", FileName(document, "csv"));
    }

    [HttpGet("{id:int}/Versions/{number:int}/Json")]
    [ResponseCache(Duration = VersionCacheSeconds, Location = ResponseCacheLocation.Any)]
    public async Task<IActionResult> Json(int id, int number, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        return document is null ? NotFound() : File(EditionOpenData.Json(document), "application/json; charset=utf-8", FileName(document, "json"));
    }

    /// <summary>The version as the ministry's document, in the reader's language, dated by its publication.</summary>
    [HttpGet("{id:int}/Versions/{number:int}/Pdf")]
    [ResponseCache(Duration = VersionCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
    public async Task<IActionResult> Pdf(int id, int number, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, l["Bilan du partenariat {0}"].Value, EditionText.Years(document.FirstYear, document.LastYear));
        var bytes = pdf.Export(
            title,
            document.Introduction,
            [.. document.Years.Select(y => new BilanPdfYear(y.Report, y.TableNumber, y.Numeral))],
            document.PublishedAtUtc!.Value);
        return File(bytes, "application/pdf", FileName(document, "pdf"));
    }

    /// <summary>The version as a workbook built from its frozen figures, in the reader's language.</summary>
    [HttpGet("{id:int}/Versions/{number:int}/Excel")]
    [ResponseCache(Duration = VersionCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
    public async Task<IActionResult> Excel(int id, int number, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        return document is null ? NotFound() : File(excel.Export(document), EditionExcelExporter.ContentType, FileName(document, "xlsx"));
    }

    private async Task<IActionResult> PageAsync(int id, int number, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        return View("Edition", new EditionPageViewModel(document, await editions.VersionsAsync(id, cancellationToken), narrative, table, IsPublic: true));
    }

    internal static string FileName(EditionDocument document, string extension) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"bilan-{EditionText.Years(document.FirstYear, document.LastYear).Replace('–', '-')}-v{document.Number}.{extension}");
}
