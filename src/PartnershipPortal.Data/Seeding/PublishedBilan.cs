using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnershipPortal.Data.Seeding;

/// <summary>
/// The figures of the ministry's published bilan (bilan-2017-2018.json, embedded in this assembly):
/// what the demo data must reproduce and what the tests compare the portal's own bilan with.
/// </summary>
public sealed record PublishedBilan(
    [property: JsonPropertyName("domains")] IReadOnlyList<PublishedDomain> Domains,
    [property: JsonPropertyName("years")] IReadOnlyList<PublishedYear> Years)
{
    private static readonly Lazy<PublishedBilan> Cached = new(Read);

    public static PublishedBilan Load() => Cached.Value;

    public PublishedYear Year(int year) => Years.Single(y => y.Year == year);

    private static PublishedBilan Read()
    {
        var assembly = typeof(PublishedBilan).Assembly;
        using var stream = assembly.GetManifestResourceStream("PartnershipPortal.Data.Seeding.bilan-2017-2018.json")
            ?? throw new InvalidOperationException("The published figures (bilan-2017-2018.json) are not embedded.");
        return JsonSerializer.Deserialize<PublishedBilan>(stream)
            ?? throw new InvalidOperationException("bilan-2017-2018.json is empty.");
    }
}

public sealed record PublishedDomain(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("fr")] string Fr,
    [property: JsonPropertyName("ar")] string Ar,
    [property: JsonPropertyName("en")] string En,
    [property: JsonPropertyName("printedAs")] IReadOnlyList<string> PrintedAs);

public sealed record PublishedYear(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("associations")] int Associations,
    [property: JsonPropertyName("projects")] int Projects,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("rows")] IReadOnlyList<PublishedRow> Rows,
    [property: JsonPropertyName("charts")] IReadOnlyList<string> Charts);

/// <summary>One row of a published table; <see cref="Amount"/> in whole dirhams.</summary>
public sealed record PublishedRow(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("projects")] int Projects,
    [property: JsonPropertyName("amount")] long Amount);
