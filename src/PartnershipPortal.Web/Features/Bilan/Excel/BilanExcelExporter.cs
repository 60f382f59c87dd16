using System.Threading.Channels;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Bilan.Excel;

/// <summary>
/// The bilan as a workbook: the table (with a real SUM on the total row), every project behind the figures as a
/// filterable table, and the data of both charts. Column widths are set by hand: ClosedXML's AdjustToContents
/// needs libgdiplus on Linux.
/// </summary>
public sealed class BilanExcelExporter(
    BilanService bilan, BilanNarrative narrative, BilanTable table, IStringLocalizer<SharedResource> localizer, IServiceScopeFactory scopes)
{
    public const string NumberFormat = "#,##0";
    public const string PercentFormat = "0.0";

    /// <summary>Projects handed from the reading thread to the writing one at a time: one channel step per batch, not per row.</summary>
    private const int BatchSize = 512;

    /// <summary>
    /// Batches the reader may run ahead of the writer: about 130,000 projects (some 17 MB). The writer starts only once
    /// the report and the rest of the workbook are ready; with a short queue the reader stopped and waited for it.
    /// </summary>
    private const int QueuedBatches = 256;

    /// <summary>
    /// A compressed project row takes about 40 bytes: the output is sized once from the report's count instead of
    /// doubling its way up through the large object heap.
    /// </summary>
    private const int BytesPerProject = 48;

    /// <summary>The year's workbook, positioned at its start, or null when the year has no counted project.</summary>
    public Task<MemoryStream?> ExportAsync(int year, CancellationToken cancellationToken) =>
        ExportAsync(year, BilanFilter.None, null, cancellationToken);

    /// <summary>
    /// The year's workbook narrowed by <paramref name="filter"/> (every sheet: table, regions, projects, chart data),
    /// which <paramref name="filterText"/> states in words on the first two sheets; null when nothing counts.
    /// </summary>
    public async Task<MemoryStream?> ExportAsync(int year, BilanFilter filter, string? filterText, CancellationToken cancellationToken)
    {
        // The request's language: sheet names, headers, domain names and statuses are written in it.
        var language = PortalCultures.Current;

        // The project rows need no report: they are read on another thread, with a connection of their own, while this
        // one gets the report (from the cache, or built on this request's connection), builds the workbook around the
        // rows and compresses those already read. On 91,000 projects each of the three takes a similar time.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<BilanProjectLine[]>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadLinesAsync(year, language, filter, channel.Writer, stop.Token), stop.Token);
        try
        {
            var report = await bilan.ReportAsync(year, filter, cancellationToken);
            if (!report.HasData)
            {
                return null;
            }

            using var skeleton = new MemoryStream();
            var projectSheet = SheetName(localizer["Projets"]);
            using (var workbook = new XLWorkbook())
            {
                WriteTable(workbook.Worksheets.Add(SheetName(localizer["Bilan"])), report, language, filterText);
                WriteProjectsHeader(workbook.Worksheets.Add(projectSheet));
                WriteChartData(workbook.Worksheets.Add(SheetName(localizer["Données des graphiques"])), report, language);
                // Last, so that the sheets readers and tests address by position keep theirs.
                WriteRegions(workbook.Worksheets.Add(SheetName(localizer["Régions"])), report, filterText);
                if (PortalCultures.IsRightToLeft(language))
                {
                    foreach (var sheet in workbook.Worksheets)
                    {
                        sheet.RightToLeft = true;
                    }
                }

                workbook.SaveAs(skeleton);
            }

            var output = new MemoryStream((int)Math.Min(int.MaxValue / 2, (skeleton.Length * 2) + ((long)report.Projects * BytesPerProject)));
            var statusLabels = Enum.GetNames<ProjectStatus>().ToDictionary(s => s, bilan.ProjectStatusLabel, StringComparer.Ordinal);
            await ProjectSheetWriter.WriteAsync(
                skeleton,
                output,
                projectSheet,
                channel.Reader.ReadAllAsync(stop.Token),
                statusLabels,
                // The distinct texts: a reference per convention, the names, a few domains, cities and statuses.
                report.Conventions + report.Associations + 256,
                stop.Token);
            await reading;
            output.Position = 0;
            return output;
        }
        finally
        {
            // On failure or an empty year, the reader must not wait forever on a full channel.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
        }
    }

    private async Task ReadLinesAsync(int year, string language, BilanFilter filter, ChannelWriter<BilanProjectLine[]> writer, CancellationToken cancellationToken)
    {
        try
        {
            // A scope of its own: a DbContext (and its connection) serves one thread at a time.
            await using var scope = scopes.CreateAsyncScope();
            var lines = scope.ServiceProvider.GetRequiredService<BilanService>();
            var batch = new List<BilanProjectLine>(BatchSize);
            await foreach (var line in lines.ProjectLinesAsync(year, language, filter, cancellationToken))
            {
                batch.Add(line);
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync([.. batch], cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync([.. batch], cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
            throw;
        }
    }

    /// <summary>Excel refuses sheet names over 31 characters or holding []:*?/\\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }

    private void WriteTable(IXLWorksheet sheet, BilanReport report, string language, string? filterText)
    {
        sheet.Cell(1, 1).Value = narrative.TableCaption(report.Year);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
        if (filterText is not null)
        {
            sheet.Cell(2, 1).Value = filterText;
            sheet.Cell(2, 1).Style.Font.Bold = true;
        }

        const int HeaderRow = 3;
        var width = table.SheetOrder.Count + 1;
        var total = WriteFigures(sheet, HeaderRow, table.DomainHeader, report.Rows.Select(r => (r.Names.In(language), (IBilanFigures)r)).ToList());
        sheet.Column(1).Width = 52;

        sheet.Cell(total + 2, 1).Value = localizer["Conventions de partenariat"].Value;
        sheet.Cell(total + 2, 2).Value = report.Conventions;
        sheet.Cell(total + 3, 1).Value = localizer["Associations partenaires"].Value;
        sheet.Cell(total + 3, 2).Value = report.Associations;
        sheet.Cell(total + 5, 1).Value = narrative.Summary(report);
        sheet.Range(total + 5, 1, total + 5, width).Merge().Style.Alignment.WrapText = true;
        sheet.Row(total + 5).Height = 60;
        sheet.Row(HeaderRow).Height = 32;
        sheet.SheetView.FreezeRows(HeaderRow);
    }

    /// <summary>The table by region, with the same columns and SUM formulas as the domains' table, and where the reached figures come from.</summary>
    private void WriteRegions(IXLWorksheet sheet, BilanReport report, string? filterText)
    {
        sheet.Cell(1, 1).Value = narrative.RegionTableTitle;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
        if (filterText is not null)
        {
            sheet.Cell(2, 1).Value = filterText;
            sheet.Cell(2, 1).Style.Font.Bold = true;
        }

        const int HeaderRow = 3;
        var total = WriteFigures(sheet, HeaderRow, table.RegionHeader, (report.Regions ?? []).Select(r => (table.RegionName(r.Region), (IBilanFigures)r)).ToList());
        sheet.Column(1).Width = 34;
        sheet.Cell(total + 2, 1).Value = narrative.ReachedNote(report.ReportingConventions);
        sheet.Range(total + 2, 1, total + 2, table.SheetOrder.Count + 1).Merge().Style.Alignment.WrapText = true;
        sheet.Row(total + 2).Height = 45;
        sheet.Row(HeaderRow).Height = 32;
        sheet.SheetView.FreezeRows(HeaderRow);
    }

    /// <summary>A table of figures from <paramref name="headerRow"/>: header, one row per line, a total row of SUM formulas; returns the total's row.</summary>
    private int WriteFigures(IXLWorksheet sheet, int headerRow, string firstHeader, List<(string Name, IBilanFigures Figures)> lines)
    {
        var columns = table.SheetOrder;
        var width = columns.Count + 1;
        sheet.Cell(headerRow, 1).Value = firstHeader;
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(headerRow, c + 2).Value = columns[c].NumberHeader;
        }

        var row = headerRow;
        foreach (var (name, figures) in lines)
        {
            row++;
            sheet.Cell(row, 1).Value = name;
            for (var c = 0; c < columns.Count; c++)
            {
                sheet.Cell(row, c + 2).Value = CellValue(columns[c], columns[c].OfRow(figures));
            }
        }

        var total = row + 1;
        sheet.Cell(total, 1).Value = table.TotalLabel;
        if (lines.Count > 0)
        {
            // Formulas, not copies of the figures: the total stays right if someone edits a row.
            for (var c = 0; c < columns.Count; c++)
            {
                var column = sheet.Column(c + 2).ColumnLetter();
                sheet.Cell(total, c + 2).FormulaA1 = $"SUM({column}{headerRow + 1}:{column}{row})";
            }
        }

        var headerRange = sheet.Range(headerRow, 1, headerRow, width);
        headerRange.Style.Font.Bold = true;
        headerRange.Style.Fill.BackgroundColor = XLColor.FromHtml(BilanPalette.PrimaryHex);
        headerRange.Style.Font.FontColor = XLColor.White;
        headerRange.Style.Alignment.WrapText = true;
        var totalRange = sheet.Range(total, 1, total, width);
        totalRange.Style.Font.Bold = true;
        totalRange.Style.Fill.BackgroundColor = XLColor.FromHtml(BilanPalette.TotalFillHex);
        var tableRange = sheet.Range(headerRow, 1, total, width);
        tableRange.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        tableRange.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Range(headerRow + 1, c + 2, total, c + 2).Style.NumberFormat.Format = columns[c].Figure == BilanFigure.Share ? PercentFormat : NumberFormat;
            sheet.Column(c + 2).Width = columns[c].Figure == BilanFigure.Amount ? 22 : 14;
        }

        return total;
    }

    /// <summary>
    /// The header, one sample row (it carries the cell styles) and the table with its filters. The rows themselves are
    /// streamed into the file afterwards by <see cref="ProjectSheetWriter"/>: ClosedXML holds every cell in memory,
    /// which for a hundred thousand projects took over 10 s and about 1 GB.
    /// </summary>
    private void WriteProjectsHeader(IXLWorksheet sheet)
    {
        string[] header =
        [
            localizer["Association"], localizer["Convention"], localizer["Domaine d'intervention"], localizer["Ville"],
            localizer["Montant (DH)"], localizer["Statut"],
        ];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = header[c];
            sheet.Cell(2, c + 1).Value = "-";
        }

        sheet.Cell(2, 5).Value = 0;
        sheet.Cell(2, 5).Style.NumberFormat.Format = NumberFormat;
        var table = sheet.Range(1, 1, 2, header.Length).CreateTable(ProjectSheetWriter.TableName);
        table.Theme = XLTableTheme.TableStyleLight9;
        sheet.Column(1).Width = 48;
        sheet.Column(2).Width = 16;
        sheet.Column(3).Width = 46;
        sheet.Column(4).Width = 16;
        sheet.Column(5).Width = 16;
        sheet.Column(6).Width = 12;
        sheet.SheetView.FreezeRows(1);
    }

    private void WriteChartData(IXLWorksheet sheet, BilanReport report, string language)
    {
        var row = 1;
        foreach (var (title, valueHeader, format, values) in new[]
        {
            (narrative.ProjectsChartTitle, localizer["Nombre de projets"].Value, NumberFormat,
                report.Rows.Select(r => ((decimal)r.Projects, r.ProjectsPercent)).ToList()),
            (narrative.AmountChartTitle, localizer["Montant du soutien financier (DH)"].Value, NumberFormat,
                report.Rows.Select(r => (Dirhams(r.AmountCentimes), r.AmountPercent)).ToList()),
        })
        {
            sheet.Cell(row, 1).Value = title;
            sheet.Cell(row, 1).Style.Font.Bold = true;
            row++;
            sheet.Cell(row, 1).Value = localizer["Domaine d'intervention"].Value;
            sheet.Cell(row, 2).Value = valueHeader;
            sheet.Cell(row, 3).Value = localizer["Part (%)"].Value;
            sheet.Range(row, 1, row, 3).Style.Font.Bold = true;
            for (var i = 0; i < values.Count; i++)
            {
                row++;
                sheet.Cell(row, 1).Value = report.Rows[i].Names.In(language);
                sheet.Cell(row, 2).Value = values[i].Item1;
                sheet.Cell(row, 2).Style.NumberFormat.Format = format;
                sheet.Cell(row, 3).Value = values[i].Item2;
                sheet.Cell(row, 3).Style.NumberFormat.Format = PercentFormat;
            }

            row += 2;
        }

        sheet.Column(1).Width = 52;
        sheet.Column(2).Width = 22;
        sheet.Column(3).Width = 10;
    }

    private static decimal Dirhams(long centimes) => centimes / 100m;

    /// <summary>Amounts are written in dirhams, the unit of the header; counts and shares as they are.</summary>
    private static decimal CellValue(BilanColumn column, decimal value) => column.Figure == BilanFigure.Amount ? value / 100m : value;
}
