using SkiaSharp;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// The bilan's colours, one place for the page, the PDF and the workbook: the domain colours (the same in the PDF and
/// in the browser charts: wwwroot/js/bilan-charts.js reads them from the page) and the table's header and total fills.
/// </summary>
public static class BilanPalette
{
    /// <summary>The ministry's green: the table's header row and the first domain.</summary>
    public const string PrimaryHex = "#0b5a43";

    /// <summary>The light green of the table's total row.</summary>
    public const string TotalFillHex = "#e7efeb";

    public static readonly IReadOnlyList<string> Hex = [PrimaryHex, "#c1272d", "#e0a526", "#2f6db5", "#7a4fa3", "#6b8e23"];

    public static readonly IReadOnlyList<SKColor> Colors = Hex.Select(SKColor.Parse).ToList();

    /// <summary>
    /// One colour per region, fixed by the region (not by its rank), so that a region keeps its colour from one year,
    /// filter or medium to the next; twelve colours that stay apart from one another.
    /// </summary>
    private static readonly IReadOnlyList<string> Regions =
    [
        "#0b5a43", "#c1272d", "#e0a526", "#2f6db5", "#7a4fa3", "#6b8e23",
        "#d2691e", "#1b9aaa", "#8b5a2b", "#d63384", "#495057", "#20c997",
    ];

    public static string RegionHex(PartnershipPortal.Data.Entities.Region region) => Regions[((int)region - 1 + Regions.Count) % Regions.Count];

    public static SKColor RegionColor(PartnershipPortal.Data.Entities.Region region) => SKColor.Parse(RegionHex(region));

    public static readonly SKColor Primary = SKColor.Parse(PrimaryHex);

    public static readonly SKColor TotalFill = SKColor.Parse(TotalFillHex);
}
