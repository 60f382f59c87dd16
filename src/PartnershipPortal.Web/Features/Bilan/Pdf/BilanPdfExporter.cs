using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;
using ScottPlot;
using SkiaSharp;

namespace PartnershipPortal.Web.Features.Bilan.Pdf;

/// <summary>
/// The bilan as the ministry publishes it, on A4: title, narrative, "Tableau N° 01" with its total row,
/// Graphique N°1 and N°2 (ScottPlot pies drawn as vectors on the PDF canvas) with their legends, the activities,
/// page numbers and the generation date. Fonts are the portal's own, embedded as subsets.
/// </summary>
public sealed class BilanPdfExporter(BilanFonts fonts, BilanNarrative narrative, BilanTable table, IStringLocalizer<SharedResource> localizer)
{
    private static readonly SKColor Ink = new(0x1d, 0x26, 0x22);
    private static readonly SKColor Muted = new(0x55, 0x5f, 0x5a);
    private static readonly SKColor Rule = new(0xb8, 0xc2, 0xbd);

    /// <summary>
    /// The bilan in the request's language; Arabic is laid out right to left. After the published table and charts, the
    /// portal's own: the table and chart by region and the beneficiaries by domain. A filtered bilan says so under its
    /// narrative (<paramref name="filter"/>, in words).
    /// </summary>
    public byte[] Export(BilanReport report, string? filter = null) =>
        Export(narrative.Heading(report.Year), null, [new BilanPdfYear(report, 1, null)], report.GeneratedAtUtc, withPartners: false, filter);

    /// <summary>
    /// An edition: its introduction, then each year under its roman numeral with its table and charts numbered on
    /// across the years (Tableau N° 02, Graphiques N°3 and 4 for the second year), and the activities with who took
    /// part and their partners, as the source document lays them out.
    /// </summary>
    public byte[] Export(string title, string introduction, IReadOnlyList<BilanPdfYear> years, DateTime generatedAtUtc) =>
        Export(title, introduction, years, generatedAtUtc, withPartners: true, filter: null);

    private byte[] Export(string documentTitle, string? introduction, IReadOnlyList<BilanPdfYear> years, DateTime generatedAtUtc, bool withPartners, string? filter)
    {
        var language = PortalCultures.Current;
        using var writer = new PdfPageWriter(fonts, PortalCultures.IsRightToLeft(language));
        using var small = writer.Font(8.5f);
        using var body = writer.Font(10.5f);
        using var bodyBold = writer.Font(10.5f, bold: true);
        using var heading = writer.Font(12.5f, bold: true);
        using var title = writer.Font(15f, bold: true);

        writer.Text(localizer["Royaume du Maroc · Portail du partenariat associatif"], PdfPageWriter.Left, writer.Y + 8.5f, small, Muted);
        writer.Y += 24;
        writer.Paragraph(localizer["Bilan du programme de partenariat avec le tissu associatif œuvrant dans le domaine de l'intégration des migrants et des réfugiés au Maroc"], title, BilanPalette.Primary, spacingAfter: 6);
        if (introduction is not null)
        {
            writer.Paragraph(documentTitle, heading, Ink, spacingAfter: 10);
            foreach (var paragraph in introduction.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                writer.Paragraph(paragraph, body, Ink, spacingAfter: 8);
            }

            writer.Y += 6;
        }

        foreach (var (report, number, numeral) in years)
        {
            writer.EnsureSpace(80);
            writer.Paragraph(numeral is null ? narrative.Heading(report.Year) : $"{numeral}. {narrative.Heading(report.Year)}", heading, Ink, spacingAfter: 10);
            if (!report.HasData)
            {
                writer.Paragraph(narrative.NoData(report.Year), body, Muted, spacingAfter: 14);
            }
            else
            {
                writer.Paragraph(narrative.Summary(report), body, Ink, spacingAfter: filter is null ? 14 : 4);
                if (filter is not null)
                {
                    writer.Paragraph(filter, bodyBold, Muted, spacingAfter: 14);
                }

                DrawTable(
                    writer, narrative.TableCaption(report.Year, number), table.DomainHeader,
                    report.Rows.Select(r => (r.Names.In(language), (IBilanFigures)r)), report, table.Published, language, body, bodyBold);

                var colors = BilanPalette.Colors;
                var names = report.Rows.Select(r => r.Names.In(language)).ToList();
                DrawPie(writer, narrative.ProjectsChart((2 * number) - 1), names,
                    report.Rows.Select(r => (double)r.Projects).ToArray(),
                    report.Rows.Select(r => $"{narrative.Quantity(r.Projects, "{0} projet", "{0} projets")} ({PortalFormat.Percent(r.ProjectsPercent / 100, language)})").ToList(),
                    colors, heading, body, small);
                DrawPie(writer, narrative.AmountChart(2 * number), names,
                    report.Rows.Select(r => (double)r.AmountCentimes).ToArray(),
                    report.Rows.Select(r => $"{PortalFormat.Dirhams(r.AmountCentimes, language)} ({PortalFormat.Percent(r.AmountPercent / 100, language)})").ToList(),
                    colors, heading, body, small);

                // An edition reproduces the published document; the regions and beneficiaries are the yearly bilan's.
                if (!withPartners)
                {
                    DrawRegionsAndBeneficiaries(writer, report, language, heading, body, bodyBold, small);
                }
            }

            DrawActivities(writer, report, heading, bodyBold, body, withPartners);
        }

        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = documentTitle,
            Author = localizer["Portail du partenariat associatif"],
            Creator = "PartnershipPortal",
            Producer = "PartnershipPortal (SkiaSharp, ScottPlot)",
            Creation = generatedAtUtc,
            Modified = generatedAtUtc,
            RasterDpi = 300,
        };
        var generated = string.Format(
            CultureInfo.InvariantCulture,
            localizer["Généré le {0} à {1} UTC"],
            PortalFormat.Date(generatedAtUtc),
            generatedAtUtc.ToString("HH:mm", CultureInfo.InvariantCulture));
        writer.WritePdf(output, metadata, generated, (page, total) =>
            string.Format(CultureInfo.InvariantCulture, localizer["Page {0} / {1}"], page, total));
        return output.ToArray();
    }

    /// <summary>The region table (published columns and beneficiaries), the amount by region, and the beneficiaries by domain.</summary>
    private void DrawRegionsAndBeneficiaries(
        PdfPageWriter writer, BilanReport report, string language, SKFont heading, SKFont body, SKFont bodyBold, SKFont small)
    {
        var people = table.Columns.Where(c => c.Figure == BilanFigure.People).ToList();
        if (report.Regions is { Count: > 0 } regions)
        {
            DrawTable(
                writer, narrative.RegionTableTitle, table.RegionHeader,
                regions.Select(r => (table.RegionName(r.Region), (IBilanFigures)r)), report, [.. table.Published, .. people], language, body, bodyBold);
            DrawPie(writer, narrative.RegionAmountChartTitle, regions.Select(r => table.RegionName(r.Region)).ToList(),
                regions.Select(r => (double)r.AmountCentimes).ToArray(),
                regions.Select(r => $"{PortalFormat.Dirhams(r.AmountCentimes, language)} ({PortalFormat.Percent(r.AmountPercent / 100, language)})").ToList(),
                regions.Select(r => BilanPalette.RegionColor(r.Region)).ToList(), heading, body, small);
        }

        DrawTable(
            writer, localizer["Bénéficiaires par domaine d'intervention"], table.DomainHeader,
            report.Rows.Select(r => (r.Names.In(language), (IBilanFigures)r)), report, people, language, body, bodyBold);
        writer.Paragraph(narrative.ReachedNote(report.ReportingConventions), small, Muted, spacingAfter: 14);
    }

    private void DrawTable(
        PdfPageWriter writer, string title, string firstHeader, IEnumerable<(string Name, IBilanFigures Figures)> lines, BilanReport report,
        IReadOnlyList<BilanColumn> columns, string language, SKFont body, SKFont bodyBold)
    {
        using var caption = writer.Font(11f, bold: true);
        // The figures take what their widest value needs; the domain names take the rest of the line.
        var figureWidths = columns.Select(c => c.Figure == BilanFigure.Amount ? 125f : columns.Count > 3 ? 75f : 85f).ToList();
        float[] widths = [PdfPageWriter.ContentWidth - figureWidths.Sum(), .. figureWidths];
        const float Padding = 6;
        var lineHeight = body.Size * 1.35f;

        writer.EnsureSpace(120);
        writer.Paragraph(title, caption, Ink, spacingAfter: 4);

        string[] header = [firstHeader, .. columns.Select(c => c.Header)];
        var rows = lines
            .Select(r => (Cells: (string[])[r.Name, .. columns.Select(c => c.Text(c.OfRow(r.Figures), language))], Kind: 0))
            .Prepend((Cells: header, Kind: 1))
            .Append((Cells: [table.TotalLabel, .. columns.Select(c => c.Text(c.OfTotal(report), language))], Kind: 2));

        using var border = new SKPaint { Color = Rule, IsStroke = true, StrokeWidth = 0.6f, IsAntialias = true };
        foreach (var (cells, kind) in rows)
        {
            var font = kind == 0 ? body : bodyBold;
            var wrapped = cells.Select((c, i) => writer.Wrap(c, font, widths[i] - (2 * Padding))).ToList();
            var height = (wrapped.Max(w => w.Count) * lineHeight) + (2 * Padding) - (lineHeight - font.Size);
            writer.EnsureSpace(height);

            var top = writer.Y;
            var x = PdfPageWriter.Left;
            var fill = kind switch { 1 => BilanPalette.Primary, 2 => BilanPalette.TotalFill, _ => SKColors.White };
            // Columns go from the start of the line: in Arabic the domain is the rightmost column.
            using (var background = new SKPaint { Color = fill, IsAntialias = true })
            {
                writer.Rect(x, top, widths.Sum(), height, background);
            }

            for (var i = 0; i < widths.Length; i++)
            {
                writer.Rect(x, top, widths[i], height, border);
                var color = kind == 1 ? SKColors.White : Ink;
                var baseline = top + Padding + font.Size - 1;
                foreach (var line in wrapped[i])
                {
                    // Numbers align right as in the published table; the header and the domain names align left.
                    if (i == 0 || kind == 1)
                    {
                        writer.Text(line, x + Padding, baseline, font, color);
                    }
                    else
                    {
                        writer.Text(line, x + widths[i] - Padding, baseline, font, color, SKTextAlign.Right);
                    }

                    baseline += lineHeight;
                }

                x += widths[i];
            }

            writer.Y += height;
        }

        writer.Y += 18;
    }

    private static void DrawPie(
        PdfPageWriter writer,
        string chartTitle,
        List<string> names,
        double[] values,
        List<string> valueLabels,
        IReadOnlyList<SKColor> colors,
        SKFont heading,
        SKFont body,
        SKFont small)
    {
        const float Size = 170;
        writer.EnsureSpace(Size + 40);
        writer.Paragraph(chartTitle, heading, Ink, spacingAfter: 4);
        var top = writer.Y;

        var plot = new Plot();
        var slices = values.Select((v, i) => new PieSlice
        {
            Value = v,
            FillColor = new Color(colors[i % colors.Count].Red, colors[i % colors.Count].Green, colors[i % colors.Count].Blue),
        }).ToList();
        var pie = plot.Add.Pie(slices);
        pie.LineColor = Colors.White;
        pie.LineWidth = 1.5f;
        plot.Axes.Frameless();
        plot.Layout.Frameless();
        plot.Axes.Margins(0.02, 0.02);
        plot.HideGrid();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.RenderManager.ClearCanvasBeforeEachRender = false;

        // ScottPlot draws the slices only (no labels: it cannot shape Arabic); the legend below is shaped text.
        var canvas = writer.Canvas;
        canvas.Save();
        canvas.Translate(writer.BoxLeft(PdfPageWriter.Left, Size), top);
        canvas.ClipRect(new SKRect(0, 0, Size, Size));
        plot.Render(canvas, (int)Size, (int)Size);
        canvas.Restore();

        // The legend: colour, domain, figure and share; drawn as text so that it can be read and searched in the PDF.
        var legendX = PdfPageWriter.Left + Size + 20;
        var legendWidth = PdfPageWriter.ContentWidth - Size - 20;
        var y = top + 14;
        for (var i = 0; i < names.Count; i++)
        {
            using (var swatch = new SKPaint { Color = colors[i % colors.Count], IsAntialias = true })
            {
                writer.Rect(legendX, y - 9, 10, 10, swatch);
            }

            foreach (var line in writer.Wrap(names[i], body, legendWidth - 16))
            {
                writer.Text(line, legendX + 16, y, body, Ink);
                y += body.Size * 1.3f;
            }

            writer.Text(valueLabels[i], legendX + 16, y, small, Muted);
            y += small.Size * 1.3f + 8;
        }

        writer.Y = Math.Max(top + Size, y) + 14;
    }

    private void DrawActivities(PdfPageWriter writer, BilanReport report, SKFont heading, SKFont bodyBold, SKFont body, bool withPartners)
    {
        writer.EnsureSpace(60);
        writer.Paragraph(narrative.ActivitiesHeading(report.Year), heading, Ink, spacingAfter: 6);
        if (report.Activities.Count == 0)
        {
            writer.Paragraph(localizer["Aucune activité du programme n'est enregistrée pour cette année."], body, Muted);
            return;
        }

        var number = 0;
        foreach (var activity in report.Activities)
        {
            writer.EnsureSpace(40);
            writer.Paragraph($"{++number}) {activity.Title}", bodyBold, Ink, spacingAfter: 2);
            var details = narrative.ActivityDetails(activity);
            if (details.Length > 0)
            {
                writer.Paragraph(details, body, Muted, indent: 14, spacingAfter: 2);
            }

            if (withPartners && !string.IsNullOrWhiteSpace(activity.ParticipantsDescription))
            {
                writer.Paragraph($"{localizer["Participants"]} : {activity.ParticipantsDescription}", body, Ink, indent: 14, spacingAfter: 2);
            }

            if (withPartners && !string.IsNullOrWhiteSpace(activity.Partners))
            {
                writer.Paragraph(
                    $"{localizer["Partenaires"]} : {string.Join(" · ", activity.Partners.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}",
                    body, Ink, indent: 14, spacingAfter: 2);
            }

            if (!string.IsNullOrWhiteSpace(activity.Description))
            {
                writer.Paragraph(activity.Description, body, Ink, indent: 14, spacingAfter: 8);
            }
        }
    }
}

/// <summary>One year of a PDF: its report, its table's number in the document, and its roman numeral in an edition.</summary>
public sealed record BilanPdfYear(BilanReport Report, int Number, string? Numeral);
