using System.Linq.Expressions;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Localization;

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

/// <summary>
/// Counts, other whole-list figures and the pages of a filtered list, kept by <see cref="BilanCache"/> until the next
/// write or for a minute. A page is what most views of a list cost (two queries and their rows, docs/performance.md); a
/// page and the count beside it come from the same version of the data.
/// </summary>
public sealed class ListCache(BilanCache cache, IConfiguration? configuration = null) : IDisposable
{
    /// <summary>How many pages are kept at most: 1,000 pages of 100 rows are some 30 MB.</summary>
    public const int PageLimit = 1_000;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = PageLimit });

    /// <summary><c>Lists:KeepPages=false</c> reads every page from the database: what benchmarks/pages.sh measures with KEEP_PAGES=false.</summary>
    private readonly bool _keepPages = configuration?.GetValue("Lists:KeepPages", true) ?? true;

    public async Task<T> GetAsync<T>(string list, ListQuery query, string figure, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : struct =>
        (await cache.GetOrBuildAsync($"list:{list}:{figure}:{query.FilterKey()}", async ct => new Box<T>(await build(ct)), cancellationToken)).Value;

    /// <summary>
    /// One page of the list as shown: its rows' names are in the language of the request, so the language is part of the
    /// key, with the filters, the sort and the page. <paramref name="variant"/> holds whatever else the rows depend on
    /// (the day, for the follow-up's "late").
    /// </summary>
    public Task<ListPage<TRow>> PageAsync<TRow>(string list, ListQuery query, string variant, Func<CancellationToken, Task<ListPage<TRow>>> build, CancellationToken cancellationToken) =>
        PageAsync(list, $"{variant}:{query.Sort}:{query.Desc}:{query.Page}:{query.PageSize}:{query.FilterKey()}", build, cancellationToken);

    /// <summary>A page of a list that has no <see cref="ListQuery"/> (the audit log): <paramref name="key"/> holds its filters and page.</summary>
    public Task<T> PageAsync<T>(string list, string key, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : class =>
        _keepPages
            ? cache.GetOrBuildAsync(_pages, string.Create(CultureInfo.InvariantCulture, $"list:{list}:page:{PortalCultures.Current}:{key}"), build, cancellationToken)
            : build(cancellationToken);

    public void Dispose() => _pages.Dispose();

    private sealed record Box<T>(T Value);
}

public static class ListPageExtensions
{
    /// <summary>
    /// Sorts, counts and pages in SQL; a page past the end shows the last one. With <paramref name="cache"/>, the count and
    /// the page are taken from it while nothing was written. With <paramref name="rowsFrom"/>, the page's ids are found first
    /// (on the sort key's index, no join) and only those rows are projected: at page 2,000 the joins of the projection run
    /// for 25 rows instead of 50,000. With <paramref name="walkingSortIndex"/> (the same list, its search written so that the
    /// database reads the sort key's index in order and keeps the matching rows), a search matching many rows is paged that
    /// way: seeking 70,000 matches one by one and sorting them costs more than reading the index until the page is full.
    /// </summary>
    public static Task<ListPage<TRow>> ToListPageAsync<TEntity, TRow>(
        this IQueryable<TEntity> source,
        ListQuery query,
        SortMap<TEntity> sorts,
        Expression<Func<TEntity, TRow>> projection,
        CancellationToken cancellationToken,
        ListCache? cache = null,
        IQueryable<TEntity>? rowsFrom = null,
        Func<IQueryable<TEntity>>? walkingSortIndex = null) =>
        cache is null
            ? ReadPageAsync(source, query, sorts, projection, null, rowsFrom, walkingSortIndex, cancellationToken)
            : cache.PageAsync(
                $"{typeof(TEntity).Name}>{typeof(TRow).Name}",
                query,
                "",
                ct => ReadPageAsync(source, query, sorts, projection, cache, rowsFrom, walkingSortIndex, ct),
                cancellationToken);

    private static async Task<ListPage<TRow>> ReadPageAsync<TEntity, TRow>(
        IQueryable<TEntity> source,
        ListQuery query,
        SortMap<TEntity> sorts,
        Expression<Func<TEntity, TRow>> projection,
        ListCache? cache,
        IQueryable<TEntity>? rowsFrom,
        Func<IQueryable<TEntity>>? walkingSortIndex,
        CancellationToken cancellationToken)
    {
        var total = cache is null
            ? await source.CountAsync(cancellationToken)
            : await cache.GetAsync(typeof(TEntity).Name, query, "count", source.CountAsync, cancellationToken);
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
