using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace PartnershipPortal.Web.Features.Bilan.Pdf;

/// <summary>
/// Lays out A4 pages top to bottom. Each page is recorded first (SKPicture) so that the footers can say
/// "page n / total"; the recordings are then played onto the PDF canvas, which keeps text and paths as vectors.
/// All text goes through HarfBuzz (<see cref="SKShaper"/>), one directional run at a time (<see cref="BidiRuns"/>):
/// Arabic runs are shaped right to left, numbers and Latin left to right, so Arabic is joined and digits stay in order.
/// In a right-to-left document (<see cref="RightToLeft"/>) callers still lay out in reading order from the start of
/// the line; the writer mirrors every x coordinate and alignment, so tables, legends and footers read from the right.
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

    public PdfPageWriter(BilanFonts fonts, bool rightToLeft = false)
    {
        Fonts = fonts;
        RightToLeft = rightToLeft;
        _regularShaper = new SKShaper(fonts.Regular);
        _boldShaper = new SKShaper(fonts.Bold);
        NewPage();
    }

    public BilanFonts Fonts { get; }

    public bool RightToLeft { get; }

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

    public float Measure(string text, SKFont font) => ShapeRuns(text, font).Sum(r => r.Width);

    /// <summary>
    /// Text at <paramref name="x"/> measured from the start of the line (the left edge, or the right one in a
    /// right-to-left document, where the alignment is mirrored too).
    /// </summary>
    public void Text(string text, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        if (RightToLeft)
        {
            x = PageWidth - x;
            align = align switch
            {
                SKTextAlign.Left => SKTextAlign.Right,
                SKTextAlign.Right => SKTextAlign.Left,
                _ => align,
            };
        }

        var runs = ShapeRuns(text, font);
        if (runs.Count == 0)
        {
            return;
        }

        var width = runs.Sum(r => r.Width);
        var left = align switch
        {
            SKTextAlign.Center => x - (width / 2),
            SKTextAlign.Right => x - width,
            _ => x,
        };

        using var builder = new SKTextBlobBuilder();
        foreach (var run in runs)
        {
            var buffer = builder.AllocatePositionedRun(font, run.Glyphs.Length);
            var glyphs = buffer.Glyphs;
            var positions = buffer.Positions;
            for (var i = 0; i < run.Glyphs.Length; i++)
            {
                glyphs[i] = (ushort)run.Glyphs[i];
                positions[i] = new SKPoint(left + run.Points[i].X, run.Points[i].Y);
            }

            left += run.Width;
        }

        using var blob = builder.Build();
        if (blob is null)
        {
            return;
        }

        using var paint = new SKPaint { Color = color, IsAntialias = true };
        Canvas.DrawText(blob, 0, baseline, paint);
    }

    /// <summary>A rectangle given from the start of the line; mirrored in a right-to-left document.</summary>
    public void Rect(float x, float y, float width, float height, SKPaint paint) =>
        Canvas.DrawRect(RightToLeft ? PageWidth - x - width : x, y, width, height, paint);

    /// <summary>The page x of the left edge of a box that starts <paramref name="x"/> from the start of the line.</summary>
    public float BoxLeft(float x, float width) => RightToLeft ? PageWidth - x - width : x;

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
            // The footer reads from the start of the line: date first, page number at the end.
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

    /// <summary>The line's runs in visual order, each shaped by HarfBuzz in its own direction, from x = 0.</summary>
    private List<ShapedRun> ShapeRuns(string text, SKFont font)
    {
        var shaper = Shaper(font);
        var shaped = new List<ShapedRun>();
        foreach (var run in BidiRuns.Visual(text, BidiRuns.IsRightToLeft(text, RightToLeft)))
        {
            using var buffer = new HarfBuzzSharp.Buffer();
            buffer.AddUtf16(run.Text);
            buffer.Direction = run.RightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
            if (run.RightToLeft)
            {
                buffer.Script = Script.Arabic;
                buffer.Language = new Language("ar");
            }

            buffer.GuessSegmentProperties();
            var result = shaper.Shape(buffer, 0, 0, font);
            shaped.Add(new ShapedRun(result.Codepoints, result.Points, result.Width));
        }

        return shaped;
    }

    private sealed record ShapedRun(uint[] Glyphs, SKPoint[] Points, float Width);
}
