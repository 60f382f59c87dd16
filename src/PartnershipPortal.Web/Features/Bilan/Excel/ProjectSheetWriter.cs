using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnershipPortal.Web.Features.Bilan.Excel;

/// <summary>
/// Streams the rows of the workbook's project sheet into the .xlsx that ClosedXML wrote with one sample row:
/// every other part is copied as is; the sheet's &lt;sheetData&gt; is written row by row (the sample row's cell styles,
/// texts in the shared string table) and the table and filter ranges are stretched to the last row. Memory stays flat
/// with the row count, apart from the distinct texts.
/// </summary>
/// <remarks>
/// Compressing the sheet is most of the writing's cost, so the rows are kept short: texts are shared strings (an
/// association's name is written once, not once per project), the rows are in the default namespace instead of
/// repeating the "x:" prefix, and the optional "spans" hint is left out. On 91,090 projects the sheet went from 47 MB of
/// XML to 24 MB (docs/performance.md).
/// </remarks>
internal static partial class ProjectSheetWriter
{
    public const string TableName = "Projets";

    private const string SharedStringsPath = "xl/sharedStrings.xml";

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>What must be escaped in XML text, or dropped: the control characters XML 1.0 refuses.</summary>
    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create(
        "&<>\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>Association, convention, domain, city, amount, status.</summary>
    private const int Columns = 6;

    /// <summary>The cells of one row's 6 columns stay far under this; the buffer is written out before it could overflow.</summary>
    private const int LongestRow = 512;

    /// <summary>
    /// Writes the workbook: <paramref name="statusLabels"/> gives each project status in the workbook's language, and
    /// <paramref name="expectedTexts"/> sizes the shared string table once (it need not be exact).
    /// </summary>
    public static async Task WriteAsync(
        Stream skeleton,
        Stream output,
        string sheetPath,
        IAsyncEnumerable<BilanProjectLine[]> batches,
        IReadOnlyDictionary<string, string> statusLabels,
        int expectedTexts,
        CancellationToken cancellationToken)
    {
        using var source = new ZipArchive(skeleton, ZipArchiveMode.Read);
        var sheetXml = await ReadAsync(source, sheetPath, cancellationToken);
        var sharedXml = await ReadAsync(source, SharedStringsPath, cancellationToken);

        var data = SheetData().Match(sheetXml);
        var styles = CellStyle().Matches(RowTwo().Match(data.Value).Value).Select(m => m.Groups["s"].Value).ToArray();
        if (!data.Success || styles.Length != Columns)
        {
            throw new InvalidOperationException("The project sheet does not have the expected sample row.");
        }

        var strings = new SharedStrings(SharedItem().Count(sharedXml), expectedTexts);
        var cellStyles = styles.Select(Encoding.ASCII.GetBytes).ToArray();
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var lastRow = 1;
        var entry = target.CreateEntry(sheetPath, CompressionLevel.Fastest);
        await using (var stream = entry.Open())
        {
            // The rows are plain ASCII (texts are in the shared strings): written as bytes into one buffer and handed to
            // the compressor a block at a time. Synchronously: the zip entry compresses into memory.
            var buffer = new byte[1 << 16];
            var used = 0;
            Write(stream, buffer, ref used, sheetXml[..data.Index]);
            Write(stream, buffer, ref used, $"<x:sheetData xmlns=\"{MainNamespace}\">");
            Write(stream, buffer, ref used, RowOne().Match(data.Value).Value);
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    lastRow++;
                    if (buffer.Length - used < LongestRow)
                    {
                        stream.Write(buffer, 0, used);
                        used = 0;
                    }

                    used += WriteRow(buffer.AsSpan(used), lastRow, line, cellStyles, strings, statusLabels);
                }
            }

            Write(stream, buffer, ref used, "</x:sheetData>");
            Write(stream, buffer, ref used, StretchRange(sheetXml[(data.Index + data.Length)..], lastRow));
            stream.Write(buffer, 0, used);
        }

        await WriteSharedStringsAsync(target, sharedXml, strings, cancellationToken);

        foreach (var part in source.Entries.Where(e => e.FullName != sheetPath && e.FullName != SharedStringsPath))
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

    private static async Task<string> ReadAsync(ZipArchive archive, string path, CancellationToken cancellationToken)
    {
        var part = archive.GetEntry(path) ?? throw new InvalidOperationException($"The workbook has no {path}.");
        using var reader = new StreamReader(part.Open(), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>ClosedXML's table (the headers and other sheets' texts) with the project texts appended after it.</summary>
    private static async Task WriteSharedStringsAsync(
        ZipArchive target, string sharedXml, SharedStrings strings, CancellationToken cancellationToken)
    {
        var counts = SharedCounts().Match(sharedXml);
        var end = sharedXml.LastIndexOf("</x:sst>", StringComparison.Ordinal);
        if (!counts.Success || end < 0)
        {
            throw new InvalidOperationException("The workbook's shared string table is not in the expected form.");
        }

        var count = long.Parse(counts.Groups["count"].Value, CultureInfo.InvariantCulture) + strings.References;
        var unique = long.Parse(counts.Groups["unique"].Value, CultureInfo.InvariantCulture) + strings.Added.Count;
        var entry = target.CreateEntry(SharedStringsPath, CompressionLevel.Fastest);
        await using var stream = entry.Open();
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync(sharedXml[..counts.Index]);
        await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"count=\"{count}\" uniqueCount=\"{unique}\""));
        await writer.WriteAsync(sharedXml[(counts.Index + counts.Length)..end]);
        foreach (var text in strings.Added)
        {
            // Leading or trailing spaces are kept only when the text says so.
            writer.Write(text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
                ? "<x:si><x:t xml:space=\"preserve\">"
                : "<x:si><x:t>");
            WriteEscaped(writer, text);
            writer.Write("</x:t></x:si>");
        }

        await writer.WriteAsync(sharedXml[end..]);
    }

    private static void Write(Stream stream, byte[] buffer, ref int used, string text)
    {
        stream.Write(buffer, 0, used);
        used = 0;
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>One row: &lt;row r="9"&gt;&lt;c r="A9" s="1" t="s"&gt;&lt;v&gt;42&lt;/v&gt;&lt;/c&gt;…&lt;/row&gt;. Returns the bytes written.</summary>
    private static int WriteRow(
        Span<byte> to, int row, BilanProjectLine line, byte[][] styles, SharedStrings strings, IReadOnlyDictionary<string, string> statusLabels)
    {
        Span<byte> number = stackalloc byte[11];
        row.TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
        ReadOnlySpan<byte> r = number[..length];
        var at = 0;
        Append(to, ref at, "<row r=\""u8);
        Append(to, ref at, r);
        Append(to, ref at, "\">"u8);
        Text(to, ref at, 0, r, styles, strings.IndexOf(0, line.Association));
        Text(to, ref at, 1, r, styles, strings.IndexOf(1, line.ConventionReference));
        Text(to, ref at, 2, r, styles, strings.IndexOf(2, line.Domain));
        Text(to, ref at, 3, r, styles, strings.IndexOf(3, line.City));
        CellStart(to, ref at, 4, r, styles);
        Append(to, ref at, "\"><v>"u8);
        (line.AmountCentimes / 100m).TryFormat(to[at..], out var written, provider: CultureInfo.InvariantCulture);
        at += written;
        Append(to, ref at, "</v></c>"u8);
        Text(to, ref at, 5, r, styles, strings.IndexOf(5, statusLabels.GetValueOrDefault(line.Status, line.Status)));
        Append(to, ref at, "</row>"u8);
        return at;
    }

    private static void Text(Span<byte> to, ref int at, int column, ReadOnlySpan<byte> row, byte[][] styles, int index)
    {
        CellStart(to, ref at, column, row, styles);
        Append(to, ref at, "\" t=\"s\"><v>"u8);
        index.TryFormat(to[at..], out var written, provider: CultureInfo.InvariantCulture);
        at += written;
        Append(to, ref at, "</v></c>"u8);
    }

    private static void CellStart(Span<byte> to, ref int at, int column, ReadOnlySpan<byte> row, byte[][] styles)
    {
        Append(to, ref at, "<c r=\""u8);
        to[at++] = (byte)('A' + column);
        Append(to, ref at, row);
        Append(to, ref at, "\" s=\""u8);
        Append(to, ref at, styles[column]);
    }

    private static void Append(Span<byte> to, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to[at..]);
        at += bytes.Length;
    }

    /// <summary>
    /// The texts added to the shared string table, numbered after ClosedXML's own. Consecutive projects mostly share
    /// their association, convention, domain and status (the reader hands the same string over for them): the last
    /// text of each column is compared before the dictionary is looked up.
    /// </summary>
    private sealed class SharedStrings(int first, int expected)
    {
        private readonly Dictionary<string, int> _indexes = new(expected, StringComparer.Ordinal);
        private readonly string?[] _lastText = new string?[Columns];
        private readonly int[] _lastIndex = new int[Columns];

        public List<string> Added { get; } = new(expected);

        public long References { get; private set; }

        public int IndexOf(int column, string text)
        {
            References++;
            if (string.Equals(text, _lastText[column], StringComparison.Ordinal))
            {
                return _lastIndex[column];
            }

            if (!_indexes.TryGetValue(text, out var index))
            {
                index = first + Added.Count;
                _indexes.Add(text, index);
                Added.Add(text);
            }

            _lastText[column] = text;
            _lastIndex[column] = index;
            return index;
        }
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

    [GeneratedRegex("<x:si[ >]")]
    private static partial Regex SharedItem();

    [GeneratedRegex("count=\"(?<count>[0-9]+)\" uniqueCount=\"(?<unique>[0-9]+)\"")]
    private static partial Regex SharedCounts();
}
