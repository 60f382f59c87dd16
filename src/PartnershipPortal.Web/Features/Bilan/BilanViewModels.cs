using System.Text.Json;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;
using System.Text.Json.Serialization;

namespace PartnershipPortal.Web.Features.Bilan;

public sealed record BilanYearViewModel(
    BilanReport Report,
    IReadOnlyList<int> Years,
    string Summary,
    BilanNarrative Narrative,
    BilanTable Table,
    string ChartJson,
    BilanFilter Filter,
    BilanFilterOptions Options);

/// <summary>The choices of the page's filter form.</summary>
public sealed record BilanFilterOptions(
    IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Regions,
    IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Calls,
    IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Domains)
{
    /// <summary>What the filter keeps, in words ("Région : Oriental · Domaine : …"), empty without a filter.</summary>
    public string Describe(BilanFilter filter, string regionLabel, string callLabel, string domainLabel)
    {
        var parts = new List<string>();
        if (filter.Region is { } region)
        {
            parts.Add($"{regionLabel} : {Regions.FirstOrDefault(r => r.Value == region.ToString())?.Text}");
        }

        if (filter.Call is { } call)
        {
            parts.Add($"{callLabel} : {Calls.FirstOrDefault(c => c.Value == call.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Text ?? "—"}");
        }

        if (filter.Domain is { } domain)
        {
            parts.Add($"{domainLabel} : {Domains.FirstOrDefault(d => d.Value == domain.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Text ?? "—"}");
        }

        return string.Join(" · ", parts);
    }
}

public sealed record BilanIndexViewModel(BilanComparison Comparison, string ChartJson);

public sealed record BilanMessageViewModel(string Message);

/// <summary>
/// The charts' data as JSON for wwwroot/js/bilan-charts.js, read from a non-executable
/// &lt;script type="application/json"&gt; block (the CSP forbids inline script). Built from the same report as the table.
/// </summary>
public static class BilanChartData
{
    // The default encoder escapes <, > and &, so the JSON cannot close its <script> element.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The domain charts share the page's labels and colours; the region charts carry their own.</summary>
    public static string ForYear(BilanReport report, BilanNarrative narrative, BilanTable table)
    {
        var regions = report.Regions ?? [];
        var regionLabels = regions.Select(r => table.RegionName(r.Region)).ToList();
        var regionColors = regions.Select(r => BilanPalette.RegionHex(r.Region)).ToList();
        var unit = PortalFormat.CurrencyUnit(PortalCultures.Current);
        return JsonSerializer.Serialize(
            new
            {
                year = report.Year,
                labels = report.Rows.Select(r => r.Name),
                colors = report.Rows.Select((_, i) => BilanPalette.Hex[i % BilanPalette.Hex.Count]),
                charts = new object[]
                {
                    new { id = "chart-projects", title = narrative.ProjectsChartTitle, unit = narrative.ProjectsUnit, values = report.Rows.Select(r => (decimal)r.Projects), percents = report.Rows.Select(r => r.ProjectsPercent) },
                    new { id = "chart-amounts", title = narrative.AmountChartTitle, unit, values = report.Rows.Select(r => r.AmountCentimes / 100m), percents = report.Rows.Select(r => r.AmountPercent) },
                    new { id = "chart-region-projects", title = narrative.RegionProjectsChartTitle, unit = narrative.ProjectsUnit, labels = regionLabels, colors = regionColors, values = regions.Select(r => (decimal)r.Projects), percents = regions.Select(r => r.ProjectsPercent) },
                    new { id = "chart-region-amounts", title = narrative.RegionAmountChartTitle, unit, labels = regionLabels, colors = regionColors, values = regions.Select(r => r.AmountCentimes / 100m), percents = regions.Select(r => r.AmountPercent) },
                },
            },
            Options);
    }

    public static string ForComparison(BilanComparison comparison) => JsonSerializer.Serialize(
        new
        {
            years = comparison.Years,
            datasets = comparison.Domains.Select((d, i) => new
            {
                label = d.Name,
                color = BilanPalette.Hex[i % BilanPalette.Hex.Count],
                projects = d.Cells.Select(c => c.Projects),
                amounts = d.Cells.Select(c => c.AmountCentimes / 100m),
            }),
        },
        Options);
}
