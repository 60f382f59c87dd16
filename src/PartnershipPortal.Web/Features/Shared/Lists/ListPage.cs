using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Web.Features.Bilan;

namespace PartnershipPortal.Web.Features.Shared.Lists;

/// <summary>What the pager and the sortable headers need to know about a list page.</summary>
public interface IListPage
{
    int Total { get; }

    int Page { get; }

    int PageSize { get; }

    int PageCount { get; }

    string Sort { get; }

    bool Desc { get; }
}

public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, string Sort, bool Desc) : IListPage
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Counts (and other whole-list figures) of a filtered list, kept until the next write or for a minute (<see cref="BilanCache"/>).</summary>
public sealed class ListCounts(BilanCache cache)
{
    public async Task<T> GetAsync<T>(string list, ListQuery query, string figure, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : struct =>
        (await cache.GetOrBuildAsync($"list:{list}:{figure}:{query.FilterKey()}", async ct => new Box<T>(await build(ct)), cancellationToken)).Value;

    private sealed record Box<T>(T Value);
}

public static class ListPageExtensions
{
    /// <summary>
    /// Sorts, counts and pages in SQL; a page past the end shows the last one. With <paramref name="counts"/>, the count is
    /// taken from the cache while nothing was written. With <paramref name="rowsFrom"/>, the page's ids are found first
    /// (on the sort key's index, no join) and only those rows are projected: at page 2,000 the joins of the projection run
    /// for 25 rows instead of 50,000. With <paramref name="walkingSortIndex"/> (the same list, its search written so that the
    /// database reads the sort key's index in order and keeps the matching rows), a search matching many rows is paged that
    /// way: seeking 70,000 matches one by one and sorting them costs more than reading the index until the page is full.
    /// </summary>
    public static async Task<ListPage<TRow>> ToListPageAsync<TEntity, TRow>(
        this IQueryable<TEntity> source,
        ListQuery query,
        SortMap<TEntity> sorts,
        Expression<Func<TEntity, TRow>> projection,
        CancellationToken cancellationToken,
        ListCounts? counts = null,
        IQueryable<TEntity>? rowsFrom = null,
        Func<IQueryable<TEntity>>? walkingSortIndex = null)
    {
        var total = counts is null
            ? await source.CountAsync(cancellationToken)
            : await counts.GetAsync(typeof(TEntity).Name, query, "count", source.CountAsync, cancellationToken);
        var page = Shown(query.Page, total, query.PageSize);
        var (ordered, sort, desc) = sorts.Apply(source, query.Sort, query.Desc);
        if (walkingSortIndex is not null && sorts.IsOnIndex(sort) && WalkPays(total, (page - 1) * query.PageSize + query.PageSize))
        {
            ordered = sorts.Apply(walkingSortIndex(), sort, desc).Query;
        }

        var paged = ordered.Skip((page - 1) * query.PageSize).Take(query.PageSize);
        if (rowsFrom is null)
        {
            return new ListPage<TRow>(await paged.Select(projection).ToListAsync(cancellationToken), total, page, query.PageSize, sort, desc);
        }

        var ids = await paged.Select(sorts.Id).ToListAsync(cancellationToken);
        var items = await sorts.Apply(rowsFrom.Where(sorts.IdIn(ids)), sort, desc).Query.Select(projection).ToListAsync(cancellationToken);
        return new ListPage<TRow>(items, total, page, query.PageSize, sort, desc);
    }

    /// <summary>
    /// Counts and pages a list in one fixed order (the users, the audit log: no sortable columns, no page-size choice);
    /// a page past the end shows the last one, as in <see cref="ToListPageAsync"/>.
    /// </summary>
    public static async Task<ListPage<TRow>> ToFixedPageAsync<TEntity, TRow>(
        this IOrderedQueryable<TEntity> ordered,
        int page,
        int pageSize,
        Expression<Func<TEntity, TRow>> projection,
        CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var shown = Shown(page, total, pageSize);
        var items = await ordered.Skip((shown - 1) * pageSize).Take(pageSize).Select(projection).ToListAsync(cancellationToken);
        return new ListPage<TRow>(items, total, shown, pageSize, "", false);
    }

    /// <summary>
    /// Whether reading the sort index in order beats seeking every match: the walk reads about <c>rows × table / total</c>
    /// index entries to fill the page's <paramref name="rowsNeeded"/> rows, the seek costs <paramref name="total"/> lookups
    /// and a sort. With at least a quarter of the total before the page ends, the walk never reads more than a quarter of the
    /// index; below a few thousand matches, seeking is cheap whatever the table's size.
    /// </summary>
    internal static bool WalkPays(int total, int rowsNeeded) => total >= WalkFrom && rowsNeeded <= total / 4;

    /// <summary>The number of matches from which walking the sort index is considered.</summary>
    internal const int WalkFrom = 2_000;

    /// <summary>The page to show of <paramref name="total"/> rows: the one asked for, between the first and the last.</summary>
    private static int Shown(int asked, int total, int pageSize) =>
        Math.Clamp(asked, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
}
