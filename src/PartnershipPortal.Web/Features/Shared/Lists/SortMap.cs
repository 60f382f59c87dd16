using System.Linq.Expressions;

namespace PartnershipPortal.Web.Features.Shared.Lists;

/// <summary>
/// The columns a list may be sorted by, by name. Only names registered here reach the query, so the
/// sort parameter of a URL can never inject anything; an unknown name falls back to the default.
/// Callers write the key's type (<c>Add&lt;string&gt;(...)</c>): when it is inferred, a mutant that does not compile
/// inside one key lambda is reported on the whole chain, and Stryker then cannot mutate the file at all.
/// </summary>
public sealed class SortMap<T>(string defaultKey, bool defaultDesc, Expression<Func<T, int>> tiebreak)
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _keys =
        new(StringComparer.OrdinalIgnoreCase);

    public SortMap<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _keys[name] = (query, desc) => desc ? query.OrderByDescending(key) : query.OrderBy(key);
        return this;
    }

    public (IOrderedQueryable<T> Query, string Sort, bool Desc) Apply(IQueryable<T> query, string? sort, bool desc)
    {
        var known = sort is not null && _keys.ContainsKey(sort);
        var name = known ? sort!.ToLowerInvariant() : defaultKey;
        var direction = known ? desc : defaultDesc;
        // A unique last key keeps paging stable when many rows share the sorted value.
        var ordered = _keys[name](query, direction);
        return (direction ? ordered.ThenByDescending(tiebreak) : ordered.ThenBy(tiebreak), name, direction);
    }
}
