using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// Streams the rows of the workbook's project sheet into the .xlsx that ClosedXML wrote with one sample row:
/// every other part is copied as is; the sheet's &lt;sheetData&gt; is written row by row (inline strings, the sample
/// row's cell styles) and the table and filter ranges are stretched to the last row. Memory stays flat with the row count.
/// </summary>
internal static partial class ProjectSheetWriter
{
    public const string TableName = "Projets";

    /// <summary>What must be escaped in XML text, or dropped: the control characters XML 1.0 refuses.</summary>
    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create(
        "&<>\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>Column 5 holds numbers; the others text.</summary>
    private const int NumberColumn = 4;

    public static string Number(long centimes) => (centimes / 100m).ToString(CultureInfo.InvariantCulture);

    public static async Task WriteAsync(
        Stream skeleton, Stream output, string sheetPath, IAsyncEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        using var source = new ZipArchive(skeleton, ZipArchiveMode.Read);
        var sheet = source.GetEntry(sheetPath) ?? throw new InvalidOperationException($"The workbook has no {sheetPath}.");
        string sheetXml;
        using (var reader = new StreamReader(sheet.Open(), Encoding.UTF8))
        {
            sheetXml = await reader.ReadToEndAsync(cancellationToken);
        }

        var data = SheetData().Match(sheetXml);
        var styles = CellStyle().Matches(RowTwo().Match(data.Value).Value).Select(m => m.Groups["s"].Value).ToArray();
        if (!data.Success || styles.Length != 6)
        {
            throw new InvalidOperationException("The project sheet does not have the expected sample row.");
        }

        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var lastRow = 1;
        var entry = target.CreateEntry(sheetPath, CompressionLevel.Fastest);
        await using (var stream = entry.Open())
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
        {
            await writer.WriteAsync(sheetXml[..data.Index]);
            await writer.WriteAsync("<x:sheetData>");
            await writer.WriteAsync(RowOne().Match(data.Value).Value);
            // Written synchronously: the zip entry compresses into memory, and an await per row cost more than the row.
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                lastRow++;
                WriteRow(writer, lastRow, row, styles);
            }

            await writer.WriteAsync("</x:sheetData>");
            await writer.WriteAsync(StretchRange(sheetXml[(data.Index + data.Length)..], lastRow));
        }

        foreach (var part in source.Entries.Where(e => e.FullName != sheetPath))
        {
            var copy = target.CreateEntry(part.FullName, CompressionLevel.Fastest);
            await using var to = copy.Open();
            await using var from = part.Open();
            if (part.FullName.StartsWith("xl/tables/", StringComparison.Ordinal))
            {
                using var reader = new StreamReader(from, Encoding.UTF8);
                var xml = await reader.ReadToEndAsync(cancellationToken);
                if (xml.Contains($"name=\"{TableName}\"", StringComparison.Ordinal))
                {
                    xml = StretchRange(xml, lastRow);
                }

                var bytes = new UTF8Encoding(false).GetBytes(xml);
                await to.WriteAsync(bytes, cancellationToken);
            }
            else
            {
                await from.CopyToAsync(to, cancellationToken);
            }
        }
    }

    private static void WriteRow(StreamWriter writer, int row, string[] cells, string[] styles)
    {
        Span<char> number = stackalloc char[11];
        row.TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
        var r = number[..length];
        writer.Write("<x:row r=\"");
        writer.Write(r);
        writer.Write("\" spans=\"1:6\">");
        for (var c = 0; c < cells.Length; c++)
        {
            writer.Write("<x:c r=\"");
            writer.Write((char)('A' + c));
            writer.Write(r);
            writer.Write("\" s=\"");
            writer.Write(styles[c]);
            if (c == NumberColumn)
            {
                writer.Write("\"><x:v>");
                writer.Write(cells[c]);
                writer.Write("</x:v></x:c>");
            }
            else
            {
                writer.Write("\" t=\"inlineStr\"><x:is><x:t>");
                WriteEscaped(writer, cells[c]);
                writer.Write("</x:t></x:is></x:c>");
            }
        }

        writer.Write("</x:row>");
    }

    private static void WriteEscaped(StreamWriter writer, string text)
    {
        // Most names need no escaping: write them in one call.
        if (text.AsSpan().IndexOfAny(Escaped) < 0)
        {
            writer.Write(text);
            return;
        }

        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': writer.Write("&amp;"); break;
                case '<': writer.Write("&lt;"); break;
                case '>': writer.Write("&gt;"); break;
                // Control characters are not allowed in XML 1.0; a pasted one must not break the file.
                case < ' ' and not ('\t' or '\n' or '\r'): break;
                default: writer.Write(ch); break;
            }
        }
    }

    /// <summary>A1:F2 (the sample row) becomes A1:F{last row} in the dimension, the table and its filter.</summary>
    private static string StretchRange(string xml, int lastRow) =>
        xml.Replace("ref=\"A1:F2\"", $"ref=\"A1:F{lastRow.ToString(CultureInfo.InvariantCulture)}\"", StringComparison.Ordinal);

    [GeneratedRegex("<x:sheetData>.*</x:sheetData>", RegexOptions.Singleline)]
    private static partial Regex SheetData();

    [GeneratedRegex("<x:row r=\"1\"[^>]*>.*?</x:row>", RegexOptions.Singleline)]
    private static partial Regex RowOne();

    [GeneratedRegex("<x:row r=\"2\"[^>]*>.*?</x:row>", RegexOptions.Singleline)]
    private static partial Regex RowTwo();

    [GeneratedRegex("<x:c r=\"[A-F]2\" s=\"(?<s>[0-9]+)\"")]
    private static partial Regex CellStyle();
}
