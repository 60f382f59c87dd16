using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace PartnershipPortal.Web.Features.Shared;

public static class DetailsLinks
{
    /// <summary>
    /// The link to a record's details page, the route resolved once for the whole list: with a tag helper per row, a
    /// 100-row page resolved 300 routes, a fifth of its time.
    /// </summary>
    public static Func<int, string> Details(this IUrlHelper url, string controller)
    {
        // A placeholder id, then the id put in its place: right for a conventional route (/Projects/Details/7) as for an
        // attribute route (/Candidatures/7), wherever the id sits in the path.
        var template = url.Action("Details", controller, new { id = Placeholder })
            ?? throw new InvalidOperationException($"No route leads to {controller}.Details.");
        var at = template.LastIndexOf(PlaceholderText, StringComparison.Ordinal);
        var (before, after) = (template[..at], template[(at + PlaceholderText.Length)..]);
        return id => before + id.ToString(CultureInfo.InvariantCulture) + after;
    }

    private const int Placeholder = int.MaxValue;
    private static readonly string PlaceholderText = Placeholder.ToString(CultureInfo.InvariantCulture);
}
