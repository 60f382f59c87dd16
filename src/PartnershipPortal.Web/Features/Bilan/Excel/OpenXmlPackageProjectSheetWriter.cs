using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartnershipPortal.Web.Features.Bilan.Excel;

/// <summary>
/// Streams the rows of the workbook's project sheet into the .xlsx that ClosedXML wrote with one sample row, through
/// the Open XML SDK: the sheet is found by its name in the workbook, its table through its relationship, the sample
/// row's cell styles are read from the file; the sheet's part is rewritten with <see cref="OpenXmlWriter"/> (every
/// element but the rows copied as it was) and the texts appended to the shared string table. Nothing depends on how
/// ClosedXML names its parts or spells its XML: only on the workbook it describes (docs/decisions/0009).
/// </summary>
internal static class OpenXmlPackageProjectSheetWriter
{
    public const string TableName = OpenXmlProjectSheetWriter.TableName;

    /// <summary>Association, convention, domain, city, amount, status.</summary>
    private const int Columns = 6;

    private static readonly string[] ColumnLetters = ["A", "B", "C", "D", "E", "F"];

    /// <summary>
    /// Writes the workbook into <paramref name="output"/>: <paramref name="statusLabels"/> gives each project status in
    /// the workbook's language, and <paramref name="expectedTexts"/> sizes the shared string table once (it need not be exact).
    /// </summary>
    public static async Task WriteAsync(
        Stream skeleton,
        MemoryStream output,
        string sheetName,
        IAsyncEnumerable<BilanProjectLine[]> batches,
        IReadOnlyDictionary<string, string> statusLabels,
        int expectedTexts,
        CancellationToken cancellationToken)
    {
        await skeleton.CopyToAsync(output, cancellationToken);
        // No autosave: the sheet's part is written by hand, and the DOM loaded to read it must not be saved over it.
        using var document = SpreadsheetDocument.Open(output, isEditable: true, new OpenSettings { AutoSave = false });
        var workbook = document.WorkbookPart ?? throw new InvalidOperationException("The workbook has no workbook part.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().SingleOrDefault(s => s.Name == sheetName)
            ?? throw new InvalidOperationException($"The workbook has no sheet named {sheetName}.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var worksheet = part.Worksheet;
        var sheetData = worksheet.GetFirstChild<SheetData>() ?? throw new InvalidOperationException("The project sheet has no rows.");
        var rows = sheetData.Elements<Row>().ToList();
        var styles = rows.Count == 2 ? rows[1].Elements<Cell>().Select(c => c.StyleIndex?.Value ?? 0).ToArray() : [];
        var table = part.TableDefinitionParts.Select(t => t.Table).SingleOrDefault(t => t.Name == TableName);
        if (styles.Length != Columns || rows[0].Elements<Cell>().Count() != Columns || table is null)
        {
            throw new InvalidOperationException("The project sheet does not have the expected header, sample row and table.");
        }

        var sharedPart = workbook.SharedStringTablePart ?? throw new InvalidOperationException("The workbook has no shared string table.");
        var shared = sharedPart.SharedStringTable;
        var strings = new SharedStrings(shared.Elements<SharedStringItem>().Count(), expectedTexts);
        var styleTexts = styles.Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray();

        var lastRow = 1;
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet(), worksheet.GetAttributes(), worksheet.NamespaceDeclarations);
            foreach (var child in worksheet.ChildElements)
            {
                if (child is SheetDimension)
                {
                    // An optional hint that comes before the rows, when their count is not known yet: left out.
                    continue;
                }

                if (child is not SheetData)
                {
                    writer.WriteElement(child);
                    continue;
                }

                writer.WriteStartElement(new SheetData());
                writer.WriteElement(rows[0]);
                var row = new Row();
                var cell = new Cell();
                var value = new CellValue();
                var rowAttributes = new OpenXmlAttribute[1];
                var textAttributes = new OpenXmlAttribute[3];
                var numberAttributes = new OpenXmlAttribute[2];
                await foreach (var batch in batches.WithCancellation(cancellationToken))
                {
                    foreach (var line in batch)
                    {
                        lastRow++;
                        var r = lastRow.ToString(CultureInfo.InvariantCulture);
                        rowAttributes[0] = new OpenXmlAttribute("r", "", r);
                        writer.WriteStartElement(row, rowAttributes);
                        Text(0, line.Association);
                        Text(1, line.ConventionReference);
                        Text(2, line.Domain);
                        Text(3, line.City);
                        numberAttributes[0] = new OpenXmlAttribute("r", "", ColumnLetters[4] + r);
                        numberAttributes[1] = new OpenXmlAttribute("s", "", styleTexts[4]);
                        writer.WriteStartElement(cell, numberAttributes);
                        writer.WriteStartElement(value);
                        writer.WriteString((line.AmountCentimes / 100m).ToString(CultureInfo.InvariantCulture));
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                        Text(5, statusLabels.GetValueOrDefault(line.Status, line.Status));
                        writer.WriteEndElement();

                        void Text(int column, string text)
                        {
                            textAttributes[0] = new OpenXmlAttribute("r", "", ColumnLetters[column] + r);
                            textAttributes[1] = new OpenXmlAttribute("s", "", styleTexts[column]);
                            textAttributes[2] = new OpenXmlAttribute("t", "", "s");
                            writer.WriteStartElement(cell, textAttributes);
                            writer.WriteStartElement(value);
                            writer.WriteString(strings.IndexOf(column, text).ToString(CultureInfo.InvariantCulture));
                            writer.WriteEndElement();
                            writer.WriteEndElement();
                        }
                    }
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        var range = $"A1:F{lastRow.ToString(CultureInfo.InvariantCulture)}";
        table.Reference = range;
        if (table.AutoFilter is { } filter)
        {
            filter.Reference = range;
        }

        table.Save();
        WriteSharedStrings(sharedPart, shared, strings);
    }

    /// <summary>ClosedXML's table (the headers and other sheets' texts) with the project texts appended after it.</summary>
    private static void WriteSharedStrings(SharedStringTablePart part, SharedStringTable existing, SharedStrings strings)
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
