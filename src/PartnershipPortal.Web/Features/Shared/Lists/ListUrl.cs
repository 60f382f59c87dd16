using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace PartnershipPortal.Web.Features.Shared.Lists;

/// <summary>Links of a list that keep its filters: the same path and query string with a few values changed.</summary>
public static class ListUrl
{
    public static string With(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var values = request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                values.Remove(key);
            }
            else
            {
                values[key] = new StringValues(value);
            }
        }

        var builder = new QueryBuilder();
        foreach (var (key, value) in values.Where(p => !StringValues.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var item in value)
            {
                if (!string.IsNullOrEmpty(item))
                {
                    builder.Add(key, item);
                }
            }
        }

        return request.PathBase + request.Path + builder.ToQueryString();
    }
}

/// <summary>One sortable column header of a list.</summary>
public sealed record SortHeader(IListPage List, string Key, string Label, bool Numeric = false);
