using System.Text;
using System.Text.Json;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Editions;

namespace PartnershipPortal.Tests.Units;

/// <summary>The open data files of a published version, written from a document made here, every line read back by hand.</summary>
public sealed class EditionOpenDataTests
{
    private static readonly EditionDocument Document = new(
        EditionId: 7, Number: 3, FirstYear: 2030, LastYear: 2031,
        IntroductionFr: "Introduction", IntroductionAr: "مقدمة", IntroductionEn: null,
        Years:
        [
            new EditionYear(Report(2030,
                new BilanDomainRow(1, "EDU", new DomainNames("Éducation", "التربية", "Education"), 3, 4_022_000_00, 60.04m, 75.51m),
                new BilanDomainRow(2, "HUM", new DomainNames("=SOMME(A1)", "إنساني", "Humanitarian, \"urgent\""), 2, 1_305_000_50, 39.96m, 24.49m),
                new BilanDomainRow(4, "CAMP", new DomainNames("\"Colonies\" d'été", "مخيمات", ""), 0, 0, 0m, 0m)), 1),
            new EditionYear(Report(2031,
                new BilanDomainRow(3, "CULT", new DomainNames("-Culture", "ثقافة", "@Culture"), 1, 100, 100.0m, 100.0m)), 2),
        ],
        PublishedAtUtc: new DateTime(2032, 1, 15, 9, 5, 7, DateTimeKind.Utc));

    [Fact]
    public void The_csv_has_a_line_per_year_and_domain_with_formulas_neutralised_and_fields_quoted()
    {
        var bytes = EditionOpenData.Csv(Document);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(
            "edition,version,published_at,year,table_number,domain_code,domain_name_fr,domain_name_ar,domain_name_en,projects,amount_dh,projects_share_percent,amount_share_percent\r\n"
            + "7,3,2032-01-15T09:05:07Z,2030,1,EDU,Éducation,التربية,Education,3,4022000,60.0,75.5\r\n"
            + "7,3,2032-01-15T09:05:07Z,2030,1,HUM,'=SOMME(A1),إنساني,\"Humanitarian, \"\"urgent\"\"\",2,1305000.5,40.0,24.5\r\n"
            + "7,3,2032-01-15T09:05:07Z,2030,1,CAMP,\"\"\"Colonies\"\" d'été\",مخيمات,,0,0,0.0,0.0\r\n"
            + "7,3,2032-01-15T09:05:07Z,2031,2,CULT,'-Culture,ثقافة,'@Culture,1,1,100.0,100.0\r\n",
            text);
    }

    [Fact]
    public void A_preview_without_a_number_nor_a_publication_date_leaves_them_empty_or_zero()
    {
        var preview = Document with { Number = null, PublishedAtUtc = null, Years = [Document.Years[1]] };

        var lines = Encoding.UTF8.GetString(EditionOpenData.Csv(preview)[3..]).Split("\r\n");

        Assert.Equal("7,0,,2031,2,CULT,'-Culture,ثقافة,'@Culture,1,1,100.0,100.0", lines[1]);
        using var json = JsonDocument.Parse(EditionOpenData.Json(preview));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("version").ValueKind);
        Assert.Equal("", json.RootElement.GetProperty("published_at").GetString());
    }

    [Fact]
    public void The_json_carries_the_years_totals_and_each_domain_with_its_three_names()
    {
        using var json = JsonDocument.Parse(EditionOpenData.Json(Document));
        var root = json.RootElement;

        Assert.Equal((7, 3, "2032-01-15T09:05:07Z", 2030, 2031), (root.GetProperty("edition").GetInt32(), root.GetProperty("version").GetInt32(),
            root.GetProperty("published_at").GetString(), root.GetProperty("first_year").GetInt32(), root.GetProperty("last_year").GetInt32()));
        var introduction = root.GetProperty("introduction");
        Assert.Equal(("Introduction", "مقدمة", JsonValueKind.Null),
            (introduction.GetProperty("fr").GetString(), introduction.GetProperty("ar").GetString(), introduction.GetProperty("en").ValueKind));

        var first = root.GetProperty("years")[0];
        Assert.Equal((2030, 1, 5, 5_327_000.50m, 4, 2), (first.GetProperty("year").GetInt32(), first.GetProperty("table_number").GetInt32(),
            first.GetProperty("projects").GetInt32(), first.GetProperty("amount_dh").GetDecimal(), first.GetProperty("conventions").GetInt32(),
            first.GetProperty("associations").GetInt32()));
        var humanitarian = first.GetProperty("domains")[1];
        Assert.Equal(("HUM", "=SOMME(A1)", "إنساني", "Humanitarian, \"urgent\"", 2, 1_305_000.50m, 39.96m, 24.49m),
            (humanitarian.GetProperty("domain_code").GetString(), humanitarian.GetProperty("domain_name_fr").GetString(),
             humanitarian.GetProperty("domain_name_ar").GetString(), humanitarian.GetProperty("domain_name_en").GetString(),
             humanitarian.GetProperty("projects").GetInt32(), humanitarian.GetProperty("amount_dh").GetDecimal(),
             humanitarian.GetProperty("projects_share_percent").GetDecimal(), humanitarian.GetProperty("amount_share_percent").GetDecimal()));
        Assert.Equal(1, root.GetProperty("years")[1].GetProperty("domains").GetArrayLength());
        // Arabic is written as it is, not escaped.
        Assert.Contains("إنساني", Encoding.UTF8.GetString(EditionOpenData.Json(Document)), StringComparison.Ordinal);
    }

    /// <summary>A year's report with the rows given; its totals are the rows' sums, counted here: 4 conventions, 2 associations.</summary>
    private static BilanReport Report(int year, params BilanDomainRow[] rows) =>
        new(year, rows, rows.Sum(r => r.Projects), rows.Sum(r => r.AmountCentimes), 4, 2, [], new DateTime(2032, 1, 1, 0, 0, 0, DateTimeKind.Utc));
}
