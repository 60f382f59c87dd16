using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartnershipPortal.Web.Features.Editions;

/// <summary>
/// A published version's figures as open data, CSV and JSON. The column and field names are a published contract
/// (docs/open-data.md): they are English, lower case, and never renamed; a new figure is a new column at the end.
/// Only what the published tables show: a domain's counts and amounts per year, the year's totals; no record below
/// that level and no person's name.
/// </summary>
public static class EditionOpenData
{
    /// <summary>Arabic names written as they are, not as \u escapes: the file is served as JSON, never inside HTML.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "edition", "version", "published_at", "year", "table_number", "domain_code", "domain_name_fr", "domain_name_ar",
        "domain_name_en", "projects", "amount_dh", "projects_share_percent", "amount_share_percent",
    ];

    /// <summary>One line per year and domain, in the table's order; UTF-8 with a BOM so that spreadsheets read the Arabic names.</summary>
    public static byte[] Csv(EditionDocument document)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var year in document.Years)
        {
            foreach (var row in year.Report.Rows)
            {
                text.AppendJoin(',', new[]
                {
                    Number(document.EditionId),
                    Number(document.Number ?? 0),
                    PublishedAt(document),
                    Number(year.Report.Year),
                    Number(year.TableNumber),
                    Field(row.Code),
                    Field(row.Names.French),
                    Field(row.Names.Arabic),
                    Field(row.Names.English),
                    Number(row.Projects),
                    Dirhams(row.AmountCentimes),
                    row.ProjectsPercent.ToString("0.0", CultureInfo.InvariantCulture),
                    row.AmountPercent.ToString("0.0", CultureInfo.InvariantCulture),
                }).Append("\r\n");
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Json(EditionDocument document) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        edition = document.EditionId,
        version = document.Number,
        published_at = PublishedAt(document),
        first_year = document.FirstYear,
        last_year = document.LastYear,
        introduction = new { fr = document.IntroductionFr, ar = document.IntroductionAr, en = document.IntroductionEn },
        years = document.Years.Select(y => new
        {
            year = y.Report.Year,
            table_number = y.TableNumber,
            projects = y.Report.Projects,
            amount_dh = y.Report.AmountCentimes / 100m,
            conventions = y.Report.Conventions,
            associations = y.Report.Associations,
            domains = y.Report.Rows.Select(r => new
            {
                domain_code = r.Code,
                domain_name_fr = r.Names.French,
                domain_name_ar = r.Names.Arabic,
                domain_name_en = r.Names.English,
                projects = r.Projects,
                amount_dh = r.AmountCentimes / 100m,
                projects_share_percent = r.ProjectsPercent,
                amount_share_percent = r.AmountPercent,
            }),
        }),
    }, JsonOptions);

    private static string PublishedAt(EditionDocument document) =>
        document.PublishedAtUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Dirhams with a point and the centimes' digits without trailing zero when there are some: "4022000" or "4022000.5".</summary>
    private static string Dirhams(long centimes) => (centimes / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, and a leading quote before =, +, - or @ so that a spreadsheet never runs a name as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
