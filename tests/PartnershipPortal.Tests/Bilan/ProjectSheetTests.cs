using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>
/// The workbook's second sheet: every counted project behind the figures, streamed into the file with its texts in
/// the shared string table (see ProjectSheetWriter).
/// </summary>
public sealed class ProjectSheetTests(ProjectSheetTests.Portal factory) : IClassFixture<ProjectSheetTests.Portal>
{
    private static readonly Dictionary<ProjectStatus, string> FrenchStatus = new()
    {
        [ProjectStatus.Planned] = "Prévu",
        [ProjectStatus.InProgress] = "En cours",
        [ProjectStatus.Completed] = "Achevé",
    };

    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task Lists_each_counted_project_once_with_its_association_convention_domain_city_amount_and_status(int year)
    {
        var expected = await factory.WithDbAsync(db => db.Projects
            // The counting rule as docs/bilan.md writes it, not the product's own status list.
            .Where(p => p.BudgetYear == year && p.Status != ProjectStatus.Cancelled
                && (p.Convention!.Status == ConventionStatus.Signed || p.Convention.Status == ConventionStatus.InProgress
                    || p.Convention.Status == ConventionStatus.Completed))
            .Select(p => new
            {
                Association = p.Convention!.Association!.Name,
                p.Convention.Reference,
                Domain = p.Domain!.NameFr,
                p.Domain.DisplayOrder,
                p.City,
                p.AmountCentimes,
                p.Status,
            })
            .ToListAsync());
        Assert.NotEmpty(expected);

        var rows = ProjectRows(await ExportAsync(year));

        Assert.Equal(
            expected.Select(p => Key(p.Association, p.Reference, p.Domain, p.City, p.AmountCentimes / 100m, FrenchStatus[p.Status])).Order(),
            rows.Select(r => Key(r.Association, r.Reference, r.Domain, r.City, r.Amount, r.Status)).Order());
        // Domain by domain in the domains' display order, each domain's statuses together.
        var order = expected.GroupBy(p => p.Domain).ToDictionary(g => g.Key, g => g.First().DisplayOrder);
        Assert.Equal(rows.Select(r => order[r.Domain]).Order(), rows.Select(r => order[r.Domain]));
        Assert.All(rows.GroupBy(r => r.Domain), domain =>
        {
            var statuses = domain.Select(r => r.Status).ToList();
            Assert.Equal(statuses.Distinct().Count(), statuses.Where((s, i) => i == 0 || s != statuses[i - 1]).Count());
        });
    }

    [Fact]
    public async Task Names_with_markup_characters_spaces_and_control_characters_come_back_as_written()
    {
        const string Name = "  Entraide & Solidarité <Souss> \"Aït\" \u0007fin ";
        await BilanTestData.AddConventionAsync(factory, 2051, ConventionStatus.Signed, Name,
            [new TestProject("EDU", 1_234_56, ProjectStatus.Planned, City: "Aït <Melloul> & Co")]);

        var bytes = await ExportAsync(2051);
        var row = Assert.Single(ProjectRows(bytes));

        // XML 1.0 cannot hold the bell character: it is dropped, and everything else is kept, spaces included.
        Assert.Equal(Name.Replace("\u0007", "", StringComparison.Ordinal), row.Association);
        Assert.Equal("Aït <Melloul> & Co", row.City);
        Assert.Equal(1234.56m, row.Amount);
        Assert.Equal("Prévu", row.Status);
        AssertValidOpenXml(bytes);
    }

    [Fact]
    public async Task A_year_of_thousands_of_projects_is_written_whole()
    {
        // More than the reader's batches (512 projects) and the writer's 64 KB buffer hold at once.
        const int Count = 1_300;
        var projects = Enumerable.Range(1, Count)
            .Select(i => new TestProject(i % 3 == 0 ? "CULT" : "EDU", i * 100, i % 5 == 0 ? ProjectStatus.Completed : ProjectStatus.InProgress, City: $"Ville {i % 17}"))
            .ToList();
        await BilanTestData.AddConventionAsync(factory, 2052, ConventionStatus.InProgress, "Grande association", projects[..700]);
        await BilanTestData.AddConventionAsync(factory, 2052, ConventionStatus.Completed, "Autre association", projects[700..]);

        var bytes = await ExportAsync(2052);
        var rows = ProjectRows(bytes);

        Assert.Equal(Count, rows.Count);
        Assert.Equal(projects.Sum(p => p.Centimes) / 100m, rows.Sum(r => r.Amount));
        Assert.Equal(
            projects.Select(p => (p.City, p.Centimes / 100m)).Order(),
            rows.Select(r => (r.City, r.Amount)).Order());
        Assert.Equal(["Autre association", "Grande association"], rows.Select(r => r.Association).Distinct().Order());
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal($"A1:F{Count + 1}", workbook.Worksheet(2).Tables.Single().RangeAddress.ToString());
        AssertValidOpenXml(bytes);
    }

    private static string Key(string association, string reference, string domain, string city, decimal amount, string status) =>
        string.Join("|", association, reference, domain, city, amount.ToString(CultureInfo.InvariantCulture), status);

    private async Task<byte[]> ExportAsync(int year)
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        return await client.GetByteArrayAsync($"/Bilan/{year}/Excel");
    }

    private static List<(string Association, string Reference, string Domain, string City, decimal Amount, string Status)> ProjectRows(byte[] workbookBytes)
    {
        using var workbook = new XLWorkbook(new MemoryStream(workbookBytes));
        var sheet = workbook.Worksheet(2);
        var last = sheet.Tables.Single().DataRange.RangeAddress.LastAddress.RowNumber;
        return Enumerable.Range(2, last - 1)
            .Select(r => (
                sheet.Cell(r, 1).GetString(),
                sheet.Cell(r, 2).GetString(),
                sheet.Cell(r, 3).GetString(),
                sheet.Cell(r, 4).GetString(),
                sheet.Cell(r, 5).GetValue<decimal>(),
                sheet.Cell(r, 6).GetString()))
            .ToList();
    }

    private static void AssertValidOpenXml(byte[] bytes)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
    }

    /// <summary>Its own database: these tests add conventions that the other classes must not see.</summary>
    public sealed class Portal : PortalFactory;
}
