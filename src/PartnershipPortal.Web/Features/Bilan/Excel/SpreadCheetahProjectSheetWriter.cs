using SpreadCheetah;
using SpreadCheetah.Tables;
using SpreadCheetah.Worksheets;

namespace PartnershipPortal.Web.Features.Bilan.Excel;

/// <summary>
/// For the measurement of ADR 0009 only: the project sheet (header, rows, table, widths, frozen header) written by
/// SpreadCheetah. SpreadCheetah writes whole workbooks and cannot add a sheet to ClosedXML's, so this workbook holds the
/// project sheet alone: its time is the floor of a workbook written entirely with SpreadCheetah.
/// </summary>
internal static class SpreadCheetahProjectSheetWriter
{
    public static async Task WriteAsync(
        Stream output,
        string sheetName,
        IReadOnlyList<string> header,
        IAsyncEnumerable<BilanProjectLine[]> batches,
        IReadOnlyDictionary<string, string> statusLabels,
        CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 1 << 16 }, cancellationToken);
        var options = new WorksheetOptions { FrozenRows = 1 };
        double[] widths = [48, 16, 46, 16, 16, 12];
        for (var c = 0; c < widths.Length; c++)
        {
            options.Column(c + 1).Width = widths[c];
        }

        await spreadsheet.StartWorksheetAsync(sheetName, options, cancellationToken);
        spreadsheet.StartTable(new Table(TableStyle.Light9, OpenXmlProjectSheetWriter.TableName));
        await spreadsheet.AddHeaderRowAsync([.. header], token: cancellationToken);
        var number = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = SpreadCheetah.Styling.NumberFormat.Custom(BilanExcelExporter.NumberFormat) });
        var cells = new Cell[6];
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            foreach (var line in batch)
            {
                cells[0] = new Cell(line.Association);
                cells[1] = new Cell(line.ConventionReference);
                cells[2] = new Cell(line.Domain);
                cells[3] = new Cell(line.City);
                cells[4] = new Cell(line.AmountCentimes / 100m, number);
                cells[5] = new Cell(statusLabels.GetValueOrDefault(line.Status, line.Status));
                await spreadsheet.AddRowAsync(cells, cancellationToken);
            }
        }

        await spreadsheet.FinishTableAsync(cancellationToken);
        await spreadsheet.FinishAsync(cancellationToken);
    }
}
