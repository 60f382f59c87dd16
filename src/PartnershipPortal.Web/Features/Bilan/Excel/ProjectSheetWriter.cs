using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartnershipPortal.Web.Features.Bilan.Excel;

/// <summary>
/// Streams the rows of the workbook's project sheet into the .xlsx that ClosedXML wrote with a header and one sample
/// row. The Open XML SDK reads that workbook: the sheet is found by its name, its table through its relationship, the
/// sample row's cell styles and the shared string table from their parts. The sheet's part is written anew: every
/// element but the rows as the SDK serializes it, the rows as bytes (the format's own &lt;row&gt;&lt;c&gt;, in the
/// default namespace), the table's range and the shared strings through the SDK. Nothing depends on how ClosedXML
/// names its parts or spells its XML, only on the workbook it describes (docs/decisions/0009-workbook-project-sheet.md);
/// memory stays flat with the row count, apart from the distinct texts.
/// </summary>
/// <remarks>
/// Compressing the sheet is most of the writing's cost, so the rows are kept short: texts are shared strings (an
/// association's name is written once, not once per project), no prefix, no optional "spans" hint. The rows are not
/// written through <see cref="OpenXmlWriter"/>: on 91,090 projects it took twice as long (ADR 0009).
/// </remarks>
internal static class ProjectSheetWriter
{
    public const string TableName = "Projets";

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Association, convention, domain, city, amount, status.</summary>
    private const int Columns = 6;

    /// <summary>The cells of one row's 6 columns stay far under this; the buffer is written out before it could overflow.</summary>
    private const int LongestRow = 512;

    /// <summary>
    /// Writes the workbook into <paramref name="output"/>: <paramref name="statusLabels"/> gives each project status in
    /// the workbook's language, and <paramref name="expectedTexts"/> sizes the shared string table once (it need not be exact).
    /// </summary>
    public static async Task WriteAsync(
        MemoryStream skeleton,
        Stream output,
        string sheetName,
        IAsyncEnumerable<BilanProjectLine[]> batches,
        IReadOnlyDictionary<string, string> statusLabels,
        int expectedTexts,
        CancellationToken cancellationToken)
    {
        // The SDK reads the skeleton (small: the header and one sample row) from one view of its bytes; the parts it does
        // not change are copied from another, compressed or not, straight into the output.
        var bytes = skeleton.ToArray();
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidOperationException("The workbook has no workbook part.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().SingleOrDefault(s => s.Name == sheetName)
            ?? throw new InvalidOperationException($"The workbook has no sheet named {sheetName}.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var worksheet = part.Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()?.Elements<Row>().ToList() ?? [];
        var styles = rows.Count == 2 ? rows[1].Elements<Cell>().Select(c => c.StyleIndex?.Value ?? 0).ToArray() : [];
        var tablePart = part.TableDefinitionParts.SingleOrDefault(t => t.Table.Name == TableName);
        if (styles.Length != Columns || rows[0].Elements<Cell>().Count() != Columns || tablePart is null)
        {
            throw new InvalidOperationException("The project sheet does not have the expected header, sample row and table.");
        }

        var sharedPart = workbook.SharedStringTablePart ?? throw new InvalidOperationException("The workbook has no shared string table.");
        var shared = sharedPart.SharedStringTable;
        var strings = new SharedStrings(shared.Elements<SharedStringItem>().Count(), expectedTexts);
        var cellStyles = styles.Select(s => Encoding.ASCII.GetBytes(s.ToString(CultureInfo.InvariantCulture))).ToArray();

        // A part's name is its entry's name in the package's zip (ECMA-376 part 2), without the leading slash.
        static string EntryName(OpenXmlPart p) => p.Uri.OriginalString.TrimStart('/');
        var rewritten = new HashSet<string>(StringComparer.Ordinal) { EntryName(part), EntryName(tablePart), EntryName(sharedPart) };
        using var source = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries.Where(e => !rewritten.Contains(e.FullName)))
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            await using var to = copy.Open();
            await using var from = entry.Open();
            await from.CopyToAsync(to, cancellationToken);
        }

        var lastRow = 1;
        await using (var stream = target.CreateEntry(EntryName(part), CompressionLevel.Fastest).Open())
        {
            // The rows are plain ASCII (texts are in the shared strings): written as bytes into one buffer and handed to
            // the compressor a block at a time. Synchronously: the zip entry compresses into memory.
            var buffer = new byte[1 << 16];
            var used = 0;
            Write(stream, buffer, ref used, Start(worksheet));
            foreach (var child in worksheet.ChildElements)
            {
                switch (child)
                {
                    case SheetDimension:
                        // An optional hint that comes before the rows, when their count is not known yet: left out.
                        break;
                    case SheetData:
                        Write(stream, buffer, ref used, "<sheetData>" + rows[0].OuterXml);
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

                        Write(stream, buffer, ref used, "</sheetData>");
                        break;
                    default:
                        // Each element's own serialization by the SDK declares the namespaces it uses.
                        Write(stream, buffer, ref used, child.OuterXml);
                        break;
                }
            }

            Write(stream, buffer, ref used, "</worksheet>");
            stream.Write(buffer, 0, used);
        }

        var range = $"A1:F{lastRow.ToString(CultureInfo.InvariantCulture)}";
        var table = (Table)tablePart.Table.CloneNode(true);
        table.Reference = range;
        if (table.AutoFilter is { } filter)
        {
            filter.Reference = range;
        }

        await using (var stream = target.CreateEntry(EntryName(tablePart), CompressionLevel.Fastest).Open())
        using (var writer = OpenXmlWriter.Create(stream))
        {
            writer.WriteStartDocument(true);
            writer.WriteElement(table);
        }

        await using (var stream = target.CreateEntry(EntryName(sharedPart), CompressionLevel.Fastest).Open())
        {
            WriteSharedStrings(stream, shared, strings);
        }
    }

    /// <summary>The worksheet's start tag: the main namespace as the default one (the rows use it), the others and the attributes as read.</summary>
    private static string Start(Worksheet worksheet)
    {
        var start = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><worksheet xmlns=\"{MainNamespace}\"");
        foreach (var (prefix, uri) in worksheet.NamespaceDeclarations.Where(d => d.Key.Length > 0))
        {
            start.Append(CultureInfo.InvariantCulture, $" xmlns:{prefix}=\"{SecurityElement.Escape(uri)}\"");
        }

        foreach (var attribute in worksheet.GetAttributes())
        {
            var name = attribute.Prefix.Length > 0 ? $"{attribute.Prefix}:{attribute.LocalName}" : attribute.LocalName;
            start.Append(CultureInfo.InvariantCulture, $" {name}=\"{SecurityElement.Escape(attribute.Value)}\"");
        }

        return start.Append('>').ToString();
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

    /// <summary>ClosedXML's table (the headers and other sheets' texts) with the project texts appended after it.</summary>
    private static void WriteSharedStrings(Stream part, SharedStringTable existing, SharedStrings strings)
    {
        var items = existing.Elements<SharedStringItem>().ToList();
        var count = (existing.Count?.Value ?? (uint)items.Count) + strings.References;
        var unique = items.Count + strings.Added.Count;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new SharedStringTable(),
        [
            new OpenXmlAttribute("count", "", count.ToString(CultureInfo.InvariantCulture)),
            new OpenXmlAttribute("uniqueCount", "", unique.ToString(CultureInfo.InvariantCulture)),
        ]);
        foreach (var item in items)
        {
            writer.WriteElement(item);
        }

        var si = new SharedStringItem();
        var t = new Text();
        OpenXmlAttribute[] preserve = [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
        foreach (var text in strings.Added)
        {
            var clean = XmlText(text);
            writer.WriteStartElement(si);
            // Leading or trailing spaces are kept only when the text says so.
            if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
            {
                writer.WriteStartElement(t, preserve);
            }
            else
            {
                writer.WriteStartElement(t);
            }

            writer.WriteString(clean);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>Control characters are not allowed in XML 1.0 (the writer would refuse them): a pasted one is dropped.</summary>
    private static string XmlText(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') < 0
            ? text
            : string.Concat(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r'));

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
}
