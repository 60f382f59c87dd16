using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

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

    private readonly HashSet<string> _onIndex = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The record's id, the last sort key.</summary>
    public Expression<Func<T, int>> Id => tiebreak;

    /// <summary>
    /// The records whose id is in <paramref name="ids"/>, the list read from a holder as a lambda reads a captured variable
    /// and sent as one parameter (<c>EF.Parameter</c>: a JSON array the database unpacks). A constant list made a new query
    /// for every page, compiled on every view and kept in the query cache; EF Core's default for a list parameter, one
    /// parameter per id, makes it write the SQL again on every execution (it does not cache a statement whose shape depends
    /// on a list's length): a tenth of a list page's CPU.
    /// </summary>
    public Expression<Func<T, bool>> IdIn(List<int> ids) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.Call(
                typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)],
                Expression.Call(
                    typeof(EF), nameof(EF.Parameter), [typeof(List<int>)],
                    Expression.Property(Expression.Constant(new IdList(ids)), nameof(IdList.Ids))),
                tiebreak.Body),
            tiebreak.Parameters);

    private sealed record IdList(List<int> Ids);

    /// <summary>A sort on two keys, so that an index on both serves it (an expression such as year * 10000 + sequence cannot).</summary>
    public SortMap<T> Add<TKey, TThen>(string name, Expression<Func<T, TKey>> key, Expression<Func<T, TThen>> then, bool onIndex = false)
    {
        _keys[name] = (query, desc) => desc ? query.OrderByDescending(key).ThenByDescending(then) : query.OrderBy(key).ThenBy(then);
        return OnIndex(name, onIndex);
    }

    /// <summary>A sort key; <c>onIndex</c> when an index of the table holds it (and the id after it): the database can then read the rows in this order.</summary>
    public SortMap<T> Add<TKey>(string name, Expression<Func<T, TKey>> key, bool onIndex = false)
    {
        _keys[name] = (query, desc) => desc ? query.OrderByDescending(key) : query.OrderBy(key);
        return OnIndex(name, onIndex);
    }

    /// <summary>Whether the database can read the rows in the order of <paramref name="sort"/> (as resolved by <see cref="Apply"/>) from an index.</summary>
    public bool IsOnIndex(string sort) => _onIndex.Contains(sort);

    private SortMap<T> OnIndex(string name, bool onIndex)
    {
        if (onIndex)
        {
            _onIndex.Add(name);
        }

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
