using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Web.Commands;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>
/// The bilan by region (issue 19): the region table adds up to the published totals, the page and its workbook filter
/// by region, call and domain, beneficiaries planned and reached, and a published edition keeps its region table.
/// Each test writes its own conventions in a year of its own, far from the demo's.
/// </summary>
public sealed partial class BilanRegionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Agent = "agent@portail.test";
    private const string Manager = "manager@portail.test";

    /// <summary>What the reports' JSON gained with the regions (EditionSnapshot schema 2).</summary>
    private static readonly string[] LaterMembers = ["regions", "plannedBeneficiaries", "reachedBeneficiaries", "reportingConventions"];

    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task The_region_table_adds_up_to_the_published_totals_on_the_page_and_in_the_workbook(int year)
    {
        var published = PublishedBilan.Load().Year(year);
        using var client = await factory.SignedInClientAsync(Manager);

        var page = await PageAsync(client, $"/Bilan/{year}");

        var (rows, total) = Table(page, "bilan-regions");
        Assert.NotEmpty(rows);
        Assert.Equal(published.Projects, rows.Sum(r => Number(r.Cells[0])));
        Assert.Equal(published.Amount, rows.Sum(r => Number(r.Cells[2])));
        Assert.Equal((published.Projects, published.Amount), (Number(total[0]), Number(total[2])));
        Assert.Contains("chart-region-amounts", page, StringComparison.Ordinal);

        using var workbook = await WorkbookAsync(client, $"/Bilan/{year}/Excel");
        var sheet = workbook.Worksheet("Régions");
        var last = sheet.LastRowUsed()!.RowNumber();
        var totalRow = Enumerable.Range(4, last).First(r => sheet.Cell(r, 1).GetString() == "Total");
        Assert.Equal(rows.Count, totalRow - 4);
        Assert.Equal(published.Projects, sheet.Cell(totalRow, 2).GetValue<int>());
        Assert.Equal(published.Amount, sheet.Cell(totalRow, 3).GetValue<long>());
        Assert.Equal($"SUM(C4:C{totalRow - 1})", sheet.Cell(totalRow, 3).FormulaA1);
    }

    [Fact]
    public async Task The_page_and_the_workbook_filter_by_region_call_and_domain()
    {
        const int Year = 2071;
        var call = await AddCallAsync(Year);
        await AddConventionAsync(Year, Region.RabatSaleKenitra, call, ConventionStatus.Signed,
            new("EDU", "Oujda", 10_000, 100), new("CULT", "Rabat", 4_000, 40));
        await AddConventionAsync(Year, Region.DraaTafilalet, null, ConventionStatus.Signed,
            new("EDU", "Agadir", 7_000, 70), new("HUM", "Douar Tizi n'Ouzrou", 3_000, null));
        var edu = await DomainIdAsync("EDU");
        using var client = await factory.SignedInClientAsync(Manager);

        // Without a filter: four projects; each region as the city gives it, the unknown city in its association's region.
        var all = await PageAsync(client, $"/Bilan/{Year}");
        Assert.Equal(
            [("DraaTafilalet", 3_000L), ("Oriental", 10_000L), ("RabatSaleKenitra", 4_000L), ("SoussMassa", 7_000L)],
            Table(all, "bilan-regions").Rows.Select(r => (r.Key, Number(r.Cells[2]))).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(24_000, Number(Table(all, "bilan-domains").Total[2]));

        foreach (var (query, projects, amount) in new[]
        {
            ("region=Oriental", 1, 10_000L),
            ("region=DraaTafilalet", 1, 3_000L),
            ($"call={call}", 2, 14_000L),
            ($"domain={edu}", 2, 17_000L),
            ($"region=Oriental&call={call}&domain={edu}", 1, 10_000L),
        })
        {
            var page = await PageAsync(client, $"/Bilan/{Year}?{query}");
            var (_, total) = Table(page, "bilan-domains");
            Assert.Equal((projects, amount), ((int)Number(total[0]), Number(total[2])));
            Assert.Equal((projects, amount), ((int)Number(Table(page, "bilan-regions").Total[0]), Number(Table(page, "bilan-regions").Total[2])));
            Assert.Contains("Filtré :", RecordPages.Text(page), StringComparison.Ordinal);
            // The export links carry the filter.
            Assert.Contains($"/Bilan/{Year}/Excel?{query.Replace("&", "&amp;", StringComparison.Ordinal)}", page, StringComparison.Ordinal);
        }

        using var workbook = await WorkbookAsync(client, $"/Bilan/{Year}/Excel?region=Oriental&call={call}&domain={edu}");
        var table = workbook.Worksheet(1);
        Assert.StartsWith("Filtré : Région : L'Oriental", table.Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal("Total", table.Cell(5, 1).GetString());
        Assert.Equal((1, 10_000L), (table.Cell(5, 2).GetValue<int>(), table.Cell(5, 3).GetValue<long>()));
        var projectsSheet = workbook.Worksheet(2);
        Assert.Equal(1, projectsSheet.Tables.Single().DataRange.RowCount());
        Assert.Equal(("Oujda", 10_000L), (projectsSheet.Cell(2, 4).GetString(), projectsSheet.Cell(2, 5).GetValue<long>()));
        var regions = workbook.Worksheet("Régions");
        Assert.Equal(("L'Oriental", 1, 10_000L), (regions.Cell(4, 1).GetString(), regions.Cell(4, 2).GetValue<int>(), regions.Cell(4, 3).GetValue<long>()));

        // A filter that keeps nothing: the page says so, the files answer 404.
        Assert.Contains("Aucune convention de partenariat comptabilisée", RecordPages.Text(await PageAsync(client, $"/Bilan/{Year}?region=SoussMassa&call={call}")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Bilan/{Year}/Excel?region=SoussMassa&call={call}")).StatusCode);
    }

    [Theory]
    [InlineData("region=Mars")]
    [InlineData("region=99")]
    [InlineData("call=abc")]
    [InlineData("domain=1.5")]
    public async Task A_filter_typed_by_hand_that_means_nothing_is_refused_in_French(string query)
    {
        using var client = await factory.SignedInClientAsync(Manager);

        foreach (var url in new[] { $"/Bilan/2018?{query}", $"/Bilan/2018/Pdf?{query}", $"/Bilan/2018/Excel?{query}" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Ce filtre n'est pas valide", RecordPages.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Beneficiaries_are_planned_from_the_projects_and_reached_from_approved_final_reports()
    {
        const int Year = 2072;
        // 40 reached (10 children, 20 women, 10 men), shared 3 to 1 by the projects' amounts: 30 in Oujda, 10 in Rabat.
        var reported = await AddConventionAsync(Year, Region.RabatSaleKenitra, null, ConventionStatus.Completed,
            new("EDU", "Oujda", 3_000, 100), new("CULT", "Rabat", 1_000, 50));
        await AddReportAsync(reported, ReportKind.Final, ReportStatus.Approved, 10, 20, 10);
        // Neither a submitted final report nor an approved interim one gives reached figures.
        var pending = await AddConventionAsync(Year, Region.RabatSaleKenitra, null, ConventionStatus.InProgress, new Planned("EDU", "Rabat", 2_000, 70));
        await AddReportAsync(pending, ReportKind.Final, ReportStatus.Submitted, 99, 0, 0);
        await AddReportAsync(pending, ReportKind.Interim, ReportStatus.Approved, 500, 0, 0);
        var education = await DomainNameAsync("EDU");
        var culture = await DomainNameAsync("CULT");
        using var client = await factory.SignedInClientAsync(Manager);

        var page = await PageAsync(client, $"/Bilan/{Year}");

        var domains = Table(page, "bilan-domains");
        Assert.Equal(
            [("CULT", 50L, 10L), ("EDU", 170L, 30L)],
            domains.Rows.Select(r => (r.Key, Number(r.Cells[4]), Number(r.Cells[5]))).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal((220, 40), (Number(domains.Total[4]), Number(domains.Total[5])));
        var regions = Table(page, "bilan-regions");
        Assert.Equal(
            [("Oriental", 100L, 30L), ("RabatSaleKenitra", 120L, 10L)],
            regions.Rows.Select(r => (r.Key, Number(r.Cells[4]), Number(r.Cells[5]))).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Contains("rapports finaux approuvés (1 convention)", RecordPages.Text(page), StringComparison.Ordinal);

        // Filtered to Rabat: the planned beneficiaries of its two projects, and its share of the report.
        var rabat = Table(await PageAsync(client, $"/Bilan/{Year}?region=RabatSaleKenitra"), "bilan-domains");
        Assert.Equal((120, 10), (Number(rabat.Total[4]), Number(rabat.Total[5])));

        using var workbook = await WorkbookAsync(client, $"/Bilan/{Year}/Excel");
        var sheet = workbook.Worksheet(1);
        Assert.Equal(("Bénéficiaires prévus", "Bénéficiaires atteints"), (sheet.Cell(3, 6).GetString(), sheet.Cell(3, 7).GetString()));
        var byDomain = Enumerable.Range(4, 2).ToDictionary(r => sheet.Cell(r, 1).GetString(), r => (sheet.Cell(r, 6).GetValue<long>(), sheet.Cell(r, 7).GetValue<long>()));
        Assert.Equal((170L, 30L), byDomain[education]);
        Assert.Equal((50L, 10L), byDomain[culture]);
        Assert.Equal((220L, 40L), (sheet.Cell(6, 6).GetValue<long>(), sheet.Cell(6, 7).GetValue<long>()));
        var byRegion = workbook.Worksheet("Régions");
        Assert.Equal((220L, 40L), (byRegion.Cell(6, 6).GetValue<long>(), byRegion.Cell(6, 7).GetValue<long>()));

        // The PDF, filtered to Rabat: says so, then after the published table and charts, the region table with its
        // beneficiaries and the beneficiaries by domain.
        using var response = await client.GetAsync($"/Bilan/{Year}/Pdf?region=RabatSaleKenitra");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = BilanText.Normalize(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        BilanText.AssertInOrder(text,
        [
            "Filtré : Région : Rabat-Salé-Kénitra", "Tableau N° 01", "Graphique N°2", "Répartition par région", "Rabat-Salé-Kénitra", "2", "3 000", "120", "10",
            "Répartition du montant du soutien financier par région", "Bénéficiaires par domaine d'intervention", "Total", "120", "10",
        ]);
    }

    [Fact]
    public async Task Rows_tied_on_projects_and_amount_keep_the_published_order_and_a_report_giving_some_figures_counts_them()
    {
        const int Year = 2076;
        var call = await AddCallAsync(Year);
        // EDU and CULT tie (two projects, 2,000 DH each); Casablanca and the two single projects of 1,000 DH tie on projects.
        var children = await AddConventionAsync(Year, Region.Oriental, null, ConventionStatus.Completed, new Planned("EDU", "Oujda", 1_000, 10));
        await AddReportAsync(children, ReportKind.Final, ReportStatus.Approved, 7, null, null);
        // An approved interim report saved after the final one gives figures of its own: only the final report's count.
        await AddReportAsync(children, ReportKind.Interim, ReportStatus.Approved, 500, null, null);
        var women = await AddConventionAsync(Year, Region.Oriental, null, ConventionStatus.Completed, new Planned("EDU", "Oujda", 1_000, 10));
        await AddReportAsync(women, ReportKind.Final, ReportStatus.Approved, null, 5, null);
        var men = await AddConventionAsync(Year, Region.RabatSaleKenitra, call, ConventionStatus.Completed, new Planned("CULT", "Rabat", 1_000, 10));
        await AddReportAsync(men, ReportKind.Final, ReportStatus.Approved, null, null, 3);
        await AddConventionAsync(Year, Region.TangerTetouanAlHoceima, null, ConventionStatus.Signed,
            new Planned("CULT", "Tanger", 1_000, 10), new Planned("HUM", "Casablanca", 1_500, 10));
        using var client = await factory.SignedInClientAsync(Manager);

        var page = await PageAsync(client, $"/Bilan/{Year}");

        // Projects, then amount, descending; then the domains' own order and the regions' official order.
        var domains = Table(page, "bilan-domains");
        Assert.Equal(["EDU", "CULT", "HUM"], domains.Rows.Select(r => r.Key));
        Assert.Equal([12L, 3L, 0L], domains.Rows.Select(r => Number(r.Cells[5])));
        var regions = Table(page, "bilan-regions");
        Assert.Equal(["Oriental", "CasablancaSettat", "TangerTetouanAlHoceima", "RabatSaleKenitra"], regions.Rows.Select(r => r.Key));
        Assert.Equal([12L, 0L, 0L, 3L], regions.Rows.Select(r => Number(r.Cells[5])));
        Assert.Equal(15, Number(domains.Total[5]));
        Assert.Contains("rapports finaux approuvés (3 conventions)", RecordPages.Text(page), StringComparison.Ordinal);

        // Filtered to the call: its one convention, and the men its report reached.
        var called = await PageAsync(client, $"/Bilan/{Year}?call={call}");
        Assert.Equal((1, 3), ((int)Number(Table(called, "bilan-domains").Total[0]), (int)Number(Table(called, "bilan-domains").Total[5])));
        Assert.Contains("rapports finaux approuvés (1 convention)", RecordPages.Text(called), StringComparison.Ordinal);

        // Filtered to the Oriental: the two conventions whose projects are there, not the one in Rabat.
        var oriental = await PageAsync(client, $"/Bilan/{Year}?region=Oriental");
        Assert.Equal(12, Number(Table(oriental, "bilan-domains").Total[5]));
        Assert.Contains("rapports finaux approuvés (2 conventions)", RecordPages.Text(oriental), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_left_over_when_sharing_goes_to_the_convention_s_first_project()
    {
        const int Year = 2077;
        // One child reached, two projects of the same amount: whole persons only, so the first project (the first saved) has them.
        var convention = await AddConventionAsync(Year, Region.Oriental, null, ConventionStatus.Completed,
            new Planned("HUM", "Oujda", 2_000, 5), new Planned("EDU", "Tanger", 2_000, 5));
        await AddReportAsync(convention, ReportKind.Final, ReportStatus.Approved, 1, 0, 0);
        using var client = await factory.SignedInClientAsync(Manager);

        var page = await PageAsync(client, $"/Bilan/{Year}");

        Assert.Equal(
            [("EDU", 0L), ("HUM", 1L)],
            Table(page, "bilan-domains").Rows.Select(r => (r.Key, Number(r.Cells[5]))).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(
            [("Oriental", 1L), ("TangerTetouanAlHoceima", 0L)],
            Table(page, "bilan-regions").Rows.Select(r => (r.Key, Number(r.Cells[5]))).OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_published_edition_keeps_its_region_table_when_a_project_region_is_corrected_afterwards()
    {
        const int Year = 2074;
        var convention = await AddConventionAsync(Year, Region.RabatSaleKenitra, null, ConventionStatus.Signed, new Planned("EDU", "Oujda", 5_000, 20));
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.ConventionId == convention));
        Assert.Equal(Region.Oriental, project.Region);
        using var manager = await factory.SignedInClientAsync(Manager);
        var edition = await PublishEditionAsync(manager, Year);
        Assert.Contains("\"regions\"", await factory.WithDbAsync(db => db.BilanEditionVersions.Where(v => v.EditionId == edition).Select(v => v.SnapshotJson).SingleAsync()), StringComparison.Ordinal);

        // Staff correct the region of the signed convention's project: allowed, it is not a term of the convention.
        using var agent = await factory.SignedInClientAsync(Agent);
        var saved = await SaveProjectAsync(agent, project, "SoussMassa");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var live = Table(await PageAsync(manager, $"/Bilan/{Year}"), "bilan-regions");
        Assert.Equal([("SoussMassa", 5_000L)], live.Rows.Select(r => (r.Key, Number(r.Cells[2]))));
        var version = await PageAsync(manager, $"/Bilan/Editions/{edition}/Versions/1");
        Assert.Equal([("Oriental", 5_000L)], EditionRegions(version).Select(r => (r.Key, Number(r.Cells[1]))));
    }

    [Fact]
    public async Task A_version_published_before_the_regions_reads_without_a_region_table()
    {
        const int Year = 2075;
        await AddConventionAsync(Year, Region.Oriental, null, ConventionStatus.Signed, new Planned("CULT", "Nador", 8_000, 10));
        using var manager = await factory.SignedInClientAsync(Manager);
        var edition = await PublishEditionAsync(manager, Year);
        // The version as the first schema wrote it: no regions, no beneficiaries.
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.BilanEditionVersions.SingleAsync(v => v.EditionId == edition);
            var json = JsonNode.Parse(stored.SnapshotJson)!.AsObject();
            json["schema"] = 1;
            foreach (var year in json["years"]!.AsArray())
            {
                foreach (var name in LaterMembers)
                {
                    Assert.True(year!.AsObject().Remove(name), name);
                }
            }

            stored.SnapshotJson = json.ToJsonString();
            await db.SaveChangesAsync();
        });

        var version = await PageAsync(manager, $"/Bilan/Editions/{edition}/Versions/1");

        Assert.Empty(EditionRegions(version));
        Assert.DoesNotContain("Répartition par région", RecordPages.Text(version), StringComparison.Ordinal);
        Assert.Contains("8 000", RecordPages.Text(version).Replace('\u202F', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_s_shares_and_planned_beneficiaries_add_up_each_of_its_projects_and_activities_are_listed_by_date()
    {
        const int Year = 2079;
        // Two education projects in the same domain and region: their group adds both, and the Oriental holds two domains.
        var oriental = await AddConventionAsync(Year, Region.Oriental, null, ConventionStatus.Signed,
            new Planned("EDU", "Oujda", 1_000, 10), new Planned("EDU", "Oujda", 3_000, 30), new Planned("CULT", "Oujda", 6_000, 5));
        await AddConventionAsync(Year, Region.SoussMassa, null, ConventionStatus.Signed, new Planned("EDU", "Agadir", 10_000, 50));
        // Ten reached, shared by the amounts 1 : 3 : 6.
        await AddReportAsync(oriental, ReportKind.Final, ReportStatus.Approved, 10, null, null);
        await factory.WithDbAsync(async db =>
        {
            db.Activities.AddRange(
                new ProgrammeActivity { Kind = ActivityKind.Other, Title = "Activité de septembre", Year = Year, StartDate = new DateOnly(Year, 9, 1) },
                new ProgrammeActivity { Kind = ActivityKind.Other, Title = "Première activité de février", Year = Year, StartDate = new DateOnly(Year, 2, 1) },
                new ProgrammeActivity { Kind = ActivityKind.Other, Title = "Seconde activité de février", Year = Year, StartDate = new DateOnly(Year, 2, 1) });
            await db.SaveChangesAsync();
        });
        using var client = await factory.SignedInClientAsync(Manager);

        var page = await PageAsync(client, $"/Bilan/{Year}");

        var regions = Table(page, "bilan-regions");
        Assert.Equal(
            [("Oriental", 3L, "75,0 %", 10_000L, "50,0 %", 45L), ("SoussMassa", 1L, "25,0 %", 10_000L, "50,0 %", 50L)],
            regions.Rows.Select(r => (r.Key, Number(r.Cells[0]), Spaced(r.Cells[1]), Number(r.Cells[2]), Spaced(r.Cells[3]), Number(r.Cells[4]))));
        var domains = Table(page, "bilan-domains");
        Assert.Equal([("EDU", 90L, 4L), ("CULT", 5L, 6L)], domains.Rows.Select(r => (r.Key, Number(r.Cells[4]), Number(r.Cells[5]))));
        var activities = Regex.Match(page, "<ol class=\"bilan-activities\">(.*?)</ol>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["Première activité de février", "Seconde activité de février", "Activité de septembre"],
            Regex.Matches(activities, "<strong>(.*?)</strong>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
    }

    /// <summary>A cell's text with its non-breaking spaces as plain ones.</summary>
    private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();

    [Fact]
    public void Reached_beneficiaries_are_shared_in_whole_persons_that_add_up()
    {
        Assert.Equal([30L, 10L], BilanService.Shares(40, [3_000_00, 1_000_00]));
        Assert.Equal([34L, 33L, 33L], BilanService.Shares(100, [1, 1, 1]));
        Assert.Equal([2L, 1L], BilanService.Shares(3, [0, 0]));
        Assert.Equal(1_000_001L, BilanService.Shares(1_000_001, [7, 13, 29, 0, 51]).Sum());
    }

    private sealed record Planned(string Domain, string City, long Dirhams, int? Beneficiaries);

    private Task<int> AddCallAsync(int year) => factory.WithDbAsync(async db =>
    {
        var call = new CallForProjects
        {
            Reference = string.Create(CultureInfo.InvariantCulture, $"AAP-{year}-01"),
            Title = "Appel de test des filtres du bilan",
            Year = year,
            Status = CallForProjectsStatus.Closed,
        };
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    });

    /// <summary>A convention of a new association of <paramref name="associationRegion"/>, saved through the portal's context (its region rule runs).</summary>
    private Task<int> AddConventionAsync(int year, Region associationRegion, int? call, ConventionStatus status, params Planned[] projects) =>
        factory.WithDbAsync(async db =>
        {
            var number = await db.Associations.CountAsync() + 1;
            var association = new Association
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"Association des régions {number}"),
                RegistrationNumber = string.Create(CultureInfo.InvariantCulture, $"REG-{number:0000}"),
                City = "Ville de l'association",
                Region = associationRegion,
            };
            var domains = await db.Domains.ToDictionaryAsync(d => d.Code);
            var sequence = await db.Conventions.CountAsync(c => c.BudgetYear == year) + 1;
            var convention = new Convention
            {
                Reference = Convention.FormatReference(year, sequence),
                BudgetYear = year,
                Sequence = sequence,
                Association = association,
                CallForProjectsId = call,
                SigningDate = status == ConventionStatus.Draft ? null : new DateOnly(year, 3, 1),
                Status = status,
            };
            foreach (var p in projects)
            {
                convention.Projects.Add(new Project
                {
                    Title = "Projet de " + p.City,
                    BudgetYear = year,
                    Domain = domains[p.Domain],
                    City = p.City,
                    AmountCentimes = p.Dirhams * 100,
                    BeneficiariesCount = p.Beneficiaries,
                    Status = ProjectStatus.InProgress,
                });
            }

            convention.RecomputeTotal();
            db.Conventions.Add(convention);
            await db.SaveChangesAsync();
            return convention.Id;
        });

    private Task AddReportAsync(int conventionId, ReportKind kind, ReportStatus status, int? children, int? women, int? men) =>
        factory.WithDbAsync(async db =>
        {
            db.ConventionReports.Add(new ConventionReport
            {
                ConventionId = conventionId,
                Kind = kind,
                Status = status,
                DueDate = new DateOnly(2030, 1, 31),
                ReachedChildren = children,
                ReachedWomen = women,
                ReachedMen = men,
            });
            await db.SaveChangesAsync();
        });

    private Task<int> DomainIdAsync(string code) => factory.WithDbAsync(db => db.Domains.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());

    private Task<string> DomainNameAsync(string code) => factory.WithDbAsync(db => db.Domains.Where(d => d.Code == code).Select(d => d.NameFr).SingleAsync());

    private static async Task<int> PublishEditionAsync(HttpClient manager, int year)
    {
        var text = year.ToString(CultureInfo.InvariantCulture);
        using var created = await manager.PostFormAsync("/Bilan/Editions/Create", "/Bilan/Editions/Create",
        [
            new("Form.FirstYear", text), new("Form.LastYear", text), new("Form.IntroductionFr", "Introduction de l'édition " + text),
            new("Form.Version", Guid.Empty.ToString()),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(EditionAddress().Match(created.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
        using var published = await manager.PostFormAsync($"/Bilan/Editions/{id}", $"/Bilan/Editions/{id}/Publish", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return id;
    }

    /// <summary>Posts the project's form as stored, with <paramref name="region"/> chosen ("" for the city's).</summary>
    private static async Task<HttpResponseMessage> SaveProjectAsync(HttpClient client, Project project, string region, string? city = null)
    {
        var page = await client.PageAsync($"/Projects/Edit/{project.Id}");
        return await client.PostAsync($"/Projects/Edit/{project.Id}",
            ("Form.Title", project.Title), ("Form.DomainId", project.DomainId.ToString(CultureInfo.InvariantCulture)),
            ("Form.City", city ?? project.City), ("Form.Region", region), ("Form.Amount", AmountInput.ForInput(project.AmountCentimes)),
            ("Form.Status", project.Status.ToString()), ("Form.StartDate", ""), ("Form.EndDate", ""),
            ("Form.BeneficiariesCount", project.BeneficiariesCount?.ToString(CultureInfo.InvariantCulture) ?? ""),
            ("Form.Version", RecordPages.InputValue(page, "Form.Version")));
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {RecordPages.Excerpt(html)}");
        return html;
    }

    private static async Task<XLWorkbook> WorkbookAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>A bilan table of the page by its id: each row's key (domain code or region) with its figure cells, and the total's cells.</summary>
    private static (List<(string Key, string[] Cells)> Rows, string[] Total) Table(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No table {id}.");
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        var rows = RowPattern().Matches(table).Select(m => (m.Groups[1].Value, Cells(m.Groups[2].Value))).ToList();
        var total = Cells(table[table.IndexOf("<tfoot>", StringComparison.Ordinal)..]);
        return (rows, total);
    }

    /// <summary>The region tables of an edition's page: region and published figures (projects, amount).</summary>
    private static List<(string Key, string[] Cells)> EditionRegions(string html) =>
        [.. EditionRegionTables().Matches(html).SelectMany(t => RowPattern().Matches(t.Value)).Select(m => (m.Groups[1].Value, Cells(m.Groups[2].Value)))];

    private static string[] Cells(string html) => [.. CellPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>A count or an amount as printed, its group separators (no-break spaces, commas) dropped.</summary>
    private static long Number(string text) => long.Parse(new string([.. text.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);

    [GeneratedRegex("""<tr data-(?:domain|region)="([^"]+)">(.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("""<td class="amount">([^<]*)</td>""")]
    private static partial Regex CellPattern();

    [GeneratedRegex("""<table class="table table-bordered align-middle bilan-regions".*?</table>""", RegexOptions.Singleline)]
    private static partial Regex EditionRegionTables();

    [GeneratedRegex(@"/Bilan/Editions/(\d+)$")]
    private static partial Regex EditionAddress();
}

/// <summary>A project's region: from its city when saved, the association's for a city the map does not know; staff may correct it.</summary>
public sealed class ProjectRegionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_city_of_the_demo_data_and_of_generate_is_in_the_map_with_the_demo_association_region()
    {
        Assert.All(GenerateCommand.Cities, city => Assert.NotNull(CityRegions.Of(city)));
        var associations = await factory.WithDbAsync(db => db.Associations.AsNoTracking().Select(a => new { a.City, a.Region }).Distinct().ToListAsync());
        Assert.All(associations, a => Assert.Equal(a.Region, CityRegions.Of(a.City)));
        var projects = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Select(p => new { p.City, p.Region }).Distinct().ToListAsync());
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Equal(CityRegions.Of(p.City), p.Region));
        // Case, accents, hyphens and spaces do not matter.
        Assert.Equal(Region.FesMeknes, CityRegions.Of(" FES "));
        Assert.Equal(Region.TangerTetouanAlHoceima, CityRegions.Of("al-hoceima"));
        Assert.Null(CityRegions.Of("Douar Inconnu"));
    }

    [Fact]
    public async Task A_project_takes_its_region_from_its_city_and_staff_can_correct_it_on_its_form()
    {
        var (known, unknown) = await AddDraftAsync();
        Assert.Equal(Region.Oriental, await RegionAsync(known.Id));
        Assert.Equal(Region.DraaTafilalet, await RegionAsync(unknown.Id));
        using var agent = await factory.SignedInClientAsync("agent@portail.test");

        // The form proposes the city's region.
        var form = RecordPages.Text(await agent.PageAsync($"/Projects/Edit/{known.Id}"));
        Assert.Contains("D'après la ville : L'Oriental", form, StringComparison.Ordinal);

        // Staff choose another region: kept, shown, and found by the list's region filter.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(agent, known, "SoussMassa")).StatusCode);
        Assert.Equal(Region.SoussMassa, await RegionAsync(known.Id));
        Assert.Contains("Souss-Massa", RecordPages.Text(await agent.PageAsync($"/Projects/Details/{known.Id}")), StringComparison.Ordinal);
        Assert.Contains($"/Projects/Details/{known.Id}\"", await agent.PageAsync("/Projects?year=2073&region=SoussMassa"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/Projects/Details/{known.Id}\"", await agent.PageAsync("/Projects?year=2073&region=Oriental"), StringComparison.Ordinal);

        // A region that is not one of the twelve is refused in French and nothing changes.
        foreach (var typed in new[] { "99", "Mars" })
        {
            var refused = await SaveAsync(agent, known, typed, city: "Tanger");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = RecordPages.Text(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Le formulaire contient des erreurs ; rien n'a été enregistré.", text, StringComparison.Ordinal);
            Assert.Matches($"La valeur (« {typed} » )?n'est pas valide", text);
            Assert.Equal(("Oujda", Region.SoussMassa), await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == known.Id).Select(p => new ValueTuple<string, Region>(p.City, p.Region)).SingleAsync()));
        }

        // Back to the city's region when none is chosen; a new city gives its own.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(agent, known, "", city: "Tétouan")).StatusCode);
        Assert.Equal(Region.TangerTetouanAlHoceima, await RegionAsync(known.Id));
    }

    [Fact]
    public async Task A_city_changed_outside_the_project_form_gives_its_region_again()
    {
        var (known, _) = await AddDraftAsync();
        await factory.WithDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Id == known.Id);
            project.City = "Laâyoune";
            await db.SaveChangesAsync();
        });

        Assert.Equal(Region.LaayouneSakiaElHamra, await RegionAsync(known.Id));
    }

    private Task<Region> RegionAsync(int id) => factory.WithDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => p.Region).SingleAsync());

    /// <summary>A draft of 2073 of an association of Drâa-Tafilalet: one project in Oujda, one in a village the map does not know.</summary>
    private Task<(Project Known, Project Unknown)> AddDraftAsync() => factory.WithDbAsync(async db =>
    {
        var number = await db.Associations.CountAsync() + 1;
        var domain = await db.Domains.OrderBy(d => d.DisplayOrder).FirstAsync();
        var sequence = await db.Conventions.CountAsync(c => c.BudgetYear == 2073) + 1;
        var convention = new Convention
        {
            Reference = Convention.FormatReference(2073, sequence),
            BudgetYear = 2073,
            Sequence = sequence,
            Association = new Association
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"Association du Drâa {number}"),
                RegistrationNumber = string.Create(CultureInfo.InvariantCulture, $"DRAA-{number:0000}"),
                City = "Zagora",
                Region = Region.DraaTafilalet,
            },
        };
        var known = new Project { Title = "Cours de langue à Oujda", BudgetYear = 2073, Domain = domain, City = "Oujda", AmountCentimes = 5_000_00 };
        var unknown = new Project { Title = "Soutien scolaire au douar", BudgetYear = 2073, Domain = domain, City = "Douar Aït Inconnu", AmountCentimes = 2_000_00 };
        convention.Projects.Add(known);
        convention.Projects.Add(unknown);
        convention.RecomputeTotal();
        db.Conventions.Add(convention);
        await db.SaveChangesAsync();
        return (known, unknown);
    });

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Project project, string region, string? city = null)
    {
        var page = await client.PageAsync($"/Projects/Edit/{project.Id}");
        return await client.PostAsync($"/Projects/Edit/{project.Id}",
            ("Form.Title", project.Title), ("Form.DomainId", project.DomainId.ToString(CultureInfo.InvariantCulture)),
            ("Form.City", city ?? project.City), ("Form.Region", region), ("Form.Amount", AmountInput.ForInput(project.AmountCentimes)),
            ("Form.Status", project.Status.ToString()), ("Form.StartDate", ""), ("Form.EndDate", ""),
            ("Form.Version", RecordPages.InputValue(page, "Form.Version")));
    }
}

/// <summary>The migration that added the region fills it for the projects already there (its own database: it migrates down and up).</summary>
public sealed class ProjectRegionMigrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_migration_gives_existing_projects_their_city_region_or_else_their_association_region()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var mine = migrations.FindIndex(m => m.EndsWith("_ProjectRegion", StringComparison.Ordinal));
        Assert.True(mine > 0, "The ProjectRegion migration is missing.");
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        // Two projects whose association is not in Oujda's region: one moved to a village the map does not know, one to Oujda.
        var chosen = await db.Projects.AsNoTracking()
            .Where(p => p.Convention!.Association!.Region != Region.Oriental)
            .OrderBy(p => p.Id).Take(2)
            .Select(p => new { p.Id, AssociationRegion = p.Convention!.Association!.Region })
            .ToListAsync();

        await migrator.MigrateAsync(migrations[mine - 1]);
        await db.Database.ExecuteSqlAsync($"UPDATE Projects SET City = 'Douar Aït Inconnu' WHERE Id = {chosen[0].Id}");
        await db.Database.ExecuteSqlAsync($"UPDATE Projects SET City = ' oujda ' WHERE Id = {chosen[1].Id}");
        await migrator.MigrateAsync();

        var regions = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.City, p.Region }).ToListAsync();
        Assert.Equal(chosen[0].AssociationRegion, regions.Single(p => p.Id == chosen[0].Id).Region);
        Assert.Equal(Region.Oriental, regions.Single(p => p.Id == chosen[1].Id).Region);
        Assert.All(regions.Where(p => p.Id != chosen[0].Id), p => Assert.Equal(CityRegions.Of(p.City), p.Region));
    }
}
