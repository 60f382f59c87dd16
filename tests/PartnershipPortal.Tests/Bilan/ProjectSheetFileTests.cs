using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>
/// What ProjectSheetWriter assumes of the workbook ClosedXML writes (a sheet found by its name, a header, one sample row
/// with the cell styles, a table, a shared string table) and what it writes back, read by two libraries: ClosedXML, as
/// a person's spreadsheet program would read the cells, and the Open XML SDK, which validates the file against the
/// schema and shows the parts as they are. A new ClosedXML that writes the workbook otherwise fails here, by name.
/// </summary>
public sealed class ProjectSheetFileTests(ProjectSheetFileTests.Portal factory) : IClassFixture<ProjectSheetFileTests.Portal>
{
    private static readonly string[] FrenchHeader = ["Association", "Convention", "Domaine d'intervention", "Ville", "Montant (DH)", "Statut"];

    /// <summary>The columns whose Arabic header is a plain word (association, convention, city, status).</summary>
    private static readonly int[] ArabicHeaderColumns = [1, 2, 4, 6];

    [Fact]
    public async Task Project_sheet_holds_the_header_and_exactly_the_rows_the_test_wrote_for_ClosedXML_and_the_Open_XML_SDK()
    {
        const int Year = 2061;
        await BilanTestData.AddConventionAsync(factory, Year, ConventionStatus.Signed, "Association Atlas",
            [new TestProject("EDU", 1_500_25, ProjectStatus.Planned, City: "Agadir"), new TestProject("CULT", 90_000_00, ProjectStatus.Completed, City: "Fès")]);
        await BilanTestData.AddConventionAsync(factory, Year, ConventionStatus.InProgress, "Association Rif",
            [new TestProject("EDU", 12_00, ProjectStatus.InProgress, City: "Nador")]);
        var expected = await ExpectedRowsAsync(Year);
        Assert.Equal(3, expected.Count);

        var bytes = await ExportAsync($"/Bilan/{Year}/Excel");

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Projets");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var texts = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
            var sst = workbook.SharedStringTablePart.SharedStringTable;
            Assert.Equal(texts.Count, (int)sst.UniqueCount!.Value);

            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(Enumerable.Range(1, expected.Count + 1).Select(r => (uint)r), rows.Select(r => r.RowIndex!.Value));
            Assert.All(rows, row => Assert.Equal(
                ["A", "B", "C", "D", "E", "F"],
                row.Elements<Cell>().Select(c => c.CellReference!.Value!.TrimEnd("0123456789".ToCharArray()))));
            Assert.Equal(FrenchHeader, rows[0].Elements<Cell>().Select(c => Text(c, texts)));
            var read = rows.Skip(1).Select(row => row.Elements<Cell>().ToList()).Select(cells => (
                Text(cells[0], texts), Text(cells[1], texts), Text(cells[2], texts), Text(cells[3], texts),
                decimal.Parse(cells[4].CellValue!.Text, CultureInfo.InvariantCulture), Text(cells[5], texts))).ToList();
            Assert.Equal(expected.Order(), read.Order());

            // The amounts keep the sample row's thousands format; the table and its filter span every row.
            var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
                .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
            var cellFormats = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            Assert.All(rows.Skip(1), row =>
                Assert.Equal("#,##0", formats[cellFormats[(int)row.Elements<Cell>().ElementAt(4).StyleIndex!.Value].NumberFormatId!.Value]));
            var table = Assert.Single(part.TableDefinitionParts).Table;
            Assert.Equal("Projets", table.Name!.Value);
            Assert.Equal($"A1:F{expected.Count + 1}", table.Reference!.Value);
            Assert.Equal(table.Reference.Value, table.AutoFilter!.Reference!.Value);
            Assert.Equal(FrenchHeader, table.TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value));
            // The header stays in view: the pane ClosedXML froze below row 1 is kept.
            Assert.Equal(1d, part.Worksheet.Descendants<Pane>().Single().VerticalSplit!.Value);
        }

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var projects = book.Worksheet("Projets");
        Assert.Equal(FrenchHeader, Enumerable.Range(1, 6).Select(c => projects.Cell(1, c).GetString()));
        Assert.Equal(expected.Count + 1, projects.LastRowUsed().RowNumber());
        Assert.Equal($"A1:F{expected.Count + 1}", projects.Tables.Single().RangeAddress.ToString());
        Assert.Equal(expected.Order(), Enumerable.Range(2, expected.Count).Select(r => (
            projects.Cell(r, 1).GetString(), projects.Cell(r, 2).GetString(), projects.Cell(r, 3).GetString(),
            projects.Cell(r, 4).GetString(), projects.Cell(r, 5).GetValue<decimal>(), projects.Cell(r, 6).GetString())).Order());
        // The other sheets are ClosedXML's own, untouched: the bilan's total row still sums its column.
        Assert.Contains(book.Worksheet(1).CellsUsed(), c => c.HasFormula && c.FormulaA1.StartsWith("SUM(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arabic_workbook_finds_its_project_sheet_by_its_own_name_and_keeps_it_right_to_left()
    {
        const int Year = 2062;
        await BilanTestData.AddConventionAsync(factory, Year, ConventionStatus.Signed, "جمعية الأمل",
            [new TestProject("EDU", 2_000_00, ProjectStatus.Planned, City: "وجدة"), new TestProject("EDU", 3_000_00, ProjectStatus.Planned, City: "وجدة")]);

        var bytes = await ExportAsync($"/Bilan/{Year}/Excel?culture=ar");

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        }

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var projects = book.Worksheet("المشاريع");
        Assert.True(projects.RightToLeft);
        Assert.Equal(["جمعية", "الاتفاقية", "المدينة", "الوضعية"], ArabicHeaderColumns.Select(c => projects.Cell(1, c).GetString()));
        Assert.Equal([("جمعية الأمل", "وجدة", 2000m), ("جمعية الأمل", "وجدة", 3000m)],
            Enumerable.Range(2, 2).Select(r => (projects.Cell(r, 1).GetString(), projects.Cell(r, 4).GetString(), projects.Cell(r, 5).GetValue<decimal>())).Order());
        Assert.Equal("A1:F3", projects.Tables.Single().RangeAddress.ToString());
    }

    private static string Text(Cell cell, List<string> texts)
    {
        Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
        return texts[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
    }

    private Task<List<(string, string, string, string, decimal, string)>> ExpectedRowsAsync(int year) =>
        factory.WithDbAsync(async db => (await db.Projects
            .Where(p => p.BudgetYear == year)
            .Select(p => new { p.Convention!.Association!.Name, p.Convention.Reference, p.Domain!.NameFr, p.City, p.AmountCentimes, p.Status })
            .ToListAsync())
            .Select(p => (p.Name, p.Reference, p.NameFr, p.City, p.AmountCentimes / 100m, p.Status switch
            {
                ProjectStatus.Planned => "Prévu",
                ProjectStatus.InProgress => "En cours",
                ProjectStatus.Completed => "Achevé",
                _ => p.Status.ToString(),
            }))
            .ToList());

    private async Task<byte[]> ExportAsync(string url)
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        return await client.GetByteArrayAsync(url);
    }

    /// <summary>Its own database: these tests add conventions that the other classes must not see.</summary>
    public sealed class Portal : PortalFactory;
}
