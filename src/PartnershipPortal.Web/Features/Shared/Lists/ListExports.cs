using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SpreadCheetah;

namespace PartnershipPortal.Web.Features.Shared.Lists;

/// <summary>A column of an exported list: its header and how its values are written.</summary>
public sealed record ExportColumn(string Header, ExportKind Kind = ExportKind.Text);

public enum ExportKind
{
    Text,
    Number,

    /// <summary>Centimes, written as dirhams with two decimals.</summary>
    Amount,
}

/// <summary>
/// Every page of a list, with its filters and sort, as CSV or Excel, streamed to the response as the rows are read:
/// the memory used does not grow with the number of rows (docs/performance.md measures 1,000,000 projects).
/// </summary>
public sealed class ListExports
{
    /// <summary>Dates and times in both files, year first: read the same way whatever the reader's locale.</summary>
    private const string DateFormat = "yyyy-MM-dd";

    private const string TimeFormat = DateFormat + " HH:mm:ss";

    public IActionResult File(
        ControllerBase controller,
        string? format,
        string name,
        IReadOnlyList<ExportColumn> columns,
        Func<CancellationToken, IAsyncEnumerable<object?[]>> rows) =>
        string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)
            ? new ExportResult(name, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (s, ct) => WriteExcelAsync(s, name, columns, rows(ct), ct))
            : string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                ? new ExportResult(name, "csv", "text/csv; charset=utf-8", (s, ct) => WriteCsvAsync(s, columns, rows(ct), ct))
                : controller.NotFound();

    /// <summary>
    /// Text that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe,
    /// so "=cmd|' /C calc'!A0" typed in a record is shown, never run, when the file is opened (OWASP "CSV injection").
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        // Semicolons and decimal commas: what a French spreadsheet opens as columns and numbers; the BOM tells it UTF-8.
        var culture = CultureInfo.GetCultureInfo("fr-FR");
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true }, true);
        await csv.WriteRecordAsync([.. columns.Select(c => c.Header)], cancellationToken);
        var fields = new string[columns.Count];
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                fields[i] = row[i] switch
                {
                    null => "",
                    string text => Neutralise(text),
                    long centimes when columns[i].Kind == ExportKind.Amount => (centimes / 100m).ToString("0.00", culture),
                    // ISO, as in the Excel file: the invariant culture would write a date month first.
                    DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
                    DateTime time => time.ToString(TimeFormat, CultureInfo.InvariantCulture),
                    IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                    var value => Neutralise(value.ToString() ?? ""),
                };
            }

            await csv.WriteRecordAsync(fields, cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static async Task WriteExcelAsync(Stream output, string sheet, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 1 << 16 }, cancellationToken);
        await spreadsheet.StartWorksheetAsync(SheetName(sheet), token: cancellationToken);
        var amount = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = SpreadCheetah.Styling.NumberFormat.Custom("#,##0.00") });
        var cells = new Cell[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            cells[i] = new Cell(columns[i].Header);
        }

        await spreadsheet.AddRowAsync(cells, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = row[i] switch
                {
                    null => new Cell(),
                    string text => new Cell(Neutralise(text)),
                    long centimes when columns[i].Kind == ExportKind.Amount => new Cell(centimes / 100m, amount),
                    int number => new Cell(number),
                    long number => new Cell(number),
                    DateOnly date => new Cell(date.ToString(DateFormat, CultureInfo.InvariantCulture)),
                    DateTime time => new Cell(time.ToString(TimeFormat, CultureInfo.InvariantCulture)),
                    var value => new Cell(Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
                };
            }

            await spreadsheet.AddRowAsync(cells, cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>Excel refuses sheet names over 31 characters or with : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Liste" : clean;
    }

    /// <summary>Writes the file straight into the response body, chunk by chunk, as an attachment named after the list and the day.</summary>
    private sealed class ExportResult(string name, string extension, string contentType, Func<Stream, CancellationToken, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = contentType;
            // The portal's day (its clock, in its time zone), as every deadline is counted: not the server's UTC day.
            var today = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetLocalNow();
            var file = $"{name}-{today.ToString(DateFormat, CultureInfo.InvariantCulture)}.{extension}";
            response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = file, FileName = Ascii(file) }.ToString();
            // The list may have changed since; the file is of the moment it is asked for, never from a cache.
            response.Headers[HeaderNames.CacheControl] = "no-store";
            // The zip writer under SpreadCheetah finishes its entries with synchronous writes; the body is still streamed.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
            {
                body.AllowSynchronousIO = true;
            }

            await write(response.Body, context.HttpContext.RequestAborted);
        }

        private static string Ascii(string text) => new([.. RecordSearch.Fold(text).Select(c => c < 128 && c != '"' ? c : '_')]);
    }
}
