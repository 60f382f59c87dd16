using System.Globalization;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// What the bilan page and its exports may be narrowed to: the projects of one region, of the conventions of one call,
/// of one domain (query string <c>region</c>, <c>call</c>, <c>domain</c>). Bound from the query string; a value that
/// is not a region or a number is refused by the controller with a French message.
/// </summary>
public sealed class BilanFilter
{
    public Region? Region { get; set; }

    public int? Call { get; set; }

    public int? Domain { get; set; }

    public bool IsEmpty => Region is null && Call is null && Domain is null;

    /// <summary>Part of the cache key: each filter has its own report.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Region}|{Call}|{Domain}");

    /// <summary>The filter as route values, for the export links and the year selector.</summary>
    public Dictionary<string, string> RouteValues(int year)
    {
        var values = new Dictionary<string, string> { ["year"] = year.ToString(CultureInfo.InvariantCulture) };
        if (Region is { } region)
        {
            values["region"] = region.ToString();
        }

        if (Call is { } call)
        {
            values["call"] = call.ToString(CultureInfo.InvariantCulture);
        }

        if (Domain is { } domain)
        {
            values["domain"] = domain.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>No filter: the whole year.</summary>
    public static BilanFilter None => new();
}
