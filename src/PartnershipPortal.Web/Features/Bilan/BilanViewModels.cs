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
    string ChartJson);

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

    public static string ForYear(BilanReport report, BilanNarrative narrative) => JsonSerializer.Serialize(
        new
        {
            year = report.Year,
            labels = report.Rows.Select(r => r.Name),
            colors = report.Rows.Select((_, i) => BilanPalette.Hex[i % BilanPalette.Hex.Count]),
            charts = new[]
            {
                new { id = "chart-projects", title = narrative.ProjectsChartTitle, unit = narrative.ProjectsUnit, values = report.Rows.Select(r => (decimal)r.Projects), percents = report.Rows.Select(r => r.ProjectsPercent) },
                new { id = "chart-amounts", title = narrative.AmountChartTitle, unit = PortalFormat.CurrencyUnit(PortalCultures.Current), values = report.Rows.Select(r => r.AmountCentimes / 100m), percents = report.Rows.Select(r => r.AmountPercent) },
            },
        },
        Options);

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
