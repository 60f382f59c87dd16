using SkiaSharp;

namespace PartnershipPortal.Web.Features.Bilan.Pdf;

/// <summary>
/// The fonts shipped in the portal (Fonts/, embedded in this assembly), loaded once. Never the system's:
/// the Linux build of SkiaSharp may have no fontconfig, and text would then silently vanish from the PDF.
/// </summary>
public sealed class BilanFonts : IDisposable
{
    public BilanFonts()
    {
        Regular = Load("DejaVuSans.ttf");
        Bold = Load("DejaVuSans-Bold.ttf");
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }

    private static SKTypeface Load(string file)
    {
        var name = "PartnershipPortal.Web.Fonts." + file;
        using var stream = typeof(BilanFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in the portal.");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"The font {file} could not be read.");
    }
}
