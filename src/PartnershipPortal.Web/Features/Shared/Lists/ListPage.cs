using Microsoft.EntityFrameworkCore;

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

public static class ListPageExtensions
{
    /// <summary>Sorts, counts and pages in SQL; a page past the end shows the last one.</summary>
    public static async Task<ListPage<TRow>> ToListPageAsync<TEntity, TRow>(
        this IQueryable<TEntity> source,
        ListQuery query,
        SortMap<TEntity> sorts,
        System.Linq.Expressions.Expression<Func<TEntity, TRow>> projection,
        CancellationToken cancellationToken)
    {
        var total = await source.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Min(query.Page, pageCount);
        var (ordered, sort, desc) = sorts.Apply(source, query.Sort, query.Desc);
        var items = await ordered
            .Skip((page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(projection)
            .ToListAsync(cancellationToken);
        return new ListPage<TRow>(items, total, page, query.PageSize, sort, desc);
    }
}
