using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// Lays out A4 pages top to bottom. Each page is recorded first (SKPicture) so that the footers can say
/// "page n / total"; the recordings are then played onto the PDF canvas, which keeps text and paths as vectors.
/// All text goes through HarfBuzz (<see cref="SKShaper"/>), the path the Arabic bilan will need.
/// </summary>
internal sealed class PdfPageWriter : IDisposable
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Margin = 48f;
    public const float FooterHeight = 30f;

    private readonly List<SKPicture> _pages = [];
    private readonly SKShaper _regularShaper;
    private readonly SKShaper _boldShaper;
    private SKPictureRecorder? _recorder;

    public PdfPageWriter(BilanFonts fonts)
    {
        Fonts = fonts;
        _regularShaper = new SKShaper(fonts.Regular);
        _boldShaper = new SKShaper(fonts.Bold);
        NewPage();
    }

    public BilanFonts Fonts { get; }

    public SKCanvas Canvas { get; private set; } = null!;

    public float Y { get; set; }

    public static float Left => Margin;

    public static float ContentWidth => PageWidth - (2 * Margin);

    private static float Bottom => PageHeight - Margin - FooterHeight;

    public void NewPage()
    {
        if (_recorder is not null)
        {
            _pages.Add(_recorder.EndRecording());
            _recorder.Dispose();
        }

        _recorder = new SKPictureRecorder();
        Canvas = _recorder.BeginRecording(new SKRect(0, 0, PageWidth, PageHeight));
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureSpace(float height)
    {
        if (Y + height > Bottom && Y > Margin)
        {
            NewPage();
        }
    }

    public SKFont Font(float size, bool bold = false) => new(bold ? Fonts.Bold : Fonts.Regular, size);

    public float Measure(string text, SKFont font) => Shaper(font).Shape(text, font).Width;

    public void Text(string text, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        Canvas.DrawShapedText(Shaper(font), text, x, baseline, align, font, paint);
    }

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="width"/>.</summary>
    public List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, font) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>A wrapped paragraph at the cursor; moves the cursor below it, across pages if needed.</summary>
    public void Paragraph(string text, SKFont font, SKColor color, float indent = 0, float spacingAfter = 8)
    {
        var lineHeight = font.Size * 1.45f;
        foreach (var line in Wrap(text, font, ContentWidth - indent))
        {
            EnsureSpace(lineHeight);
            Text(line, Left + indent, Y + font.Size, font, color);
            Y += lineHeight;
        }

        Y += spacingAfter;
    }

    /// <summary>Plays the recorded pages into a PDF, each with its footer: generation date and "page n / total".</summary>
    public void WritePdf(Stream output, SKDocumentPdfMetadata metadata, string footerLeft, Func<int, int, string> pageLabel)
    {
        if (_recorder is not null)
        {
            _pages.Add(_recorder.EndRecording());
            _recorder.Dispose();
            _recorder = null;
        }

        using var document = SKDocument.CreatePdf(output, metadata);
        using var footerFont = Font(8);
        var grey = new SKColor(0x55, 0x5f, 0x5a);
        for (var i = 0; i < _pages.Count; i++)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            canvas.DrawPicture(_pages[i]);
            Canvas = canvas;
            using (var rule = new SKPaint { Color = new SKColor(0xcc, 0xd3, 0xd0), StrokeWidth = 0.5f, IsStroke = true })
            {
                canvas.DrawLine(Margin, PageHeight - Margin - 12, PageWidth - Margin, PageHeight - Margin - 12, rule);
            }

            Text(footerLeft, Margin, PageHeight - Margin, footerFont, grey);
            Text(pageLabel(i + 1, _pages.Count), PageWidth - Margin, PageHeight - Margin, footerFont, grey, SKTextAlign.Right);
            document.EndPage();
        }

        document.Close();
    }

    public void Dispose()
    {
        _recorder?.Dispose();
        foreach (var page in _pages)
        {
            page.Dispose();
        }

        _regularShaper.Dispose();
        _boldShaper.Dispose();
    }

    private SKShaper Shaper(SKFont font) => font.Typeface == Fonts.Bold ? _boldShaper : _regularShaper;
}
