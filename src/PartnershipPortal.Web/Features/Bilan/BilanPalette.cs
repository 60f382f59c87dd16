using SkiaSharp;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>The domain colours, the same in the PDF and in the browser charts (wwwroot/js/bilan-charts.js reads them from the page).</summary>
public static class BilanPalette
{
    public static readonly IReadOnlyList<string> Hex = ["#0b5a43", "#c1272d", "#e0a526", "#2f6db5", "#7a4fa3", "#6b8e23"];

    public static readonly IReadOnlyList<SKColor> Colors = Hex.Select(SKColor.Parse).ToList();
}
