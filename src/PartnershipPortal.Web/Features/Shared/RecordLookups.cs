using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>
/// The choices of the filters and forms: associations, calls, domains, regions, statuses and years. The calls, the domains
/// and the years are on every list page: they are kept in <see cref="BilanCache"/> until the next write (three queries
/// of a list page's seven, a third of its action's CPU on the demo data; docs/performance.md).
/// </summary>
public sealed class RecordLookups(PortalDbContext db, IStringLocalizer<SharedResource> l, TimeProvider time, BilanCache cache)
{
    public async Task<List<SelectListItem>> AssociationsAsync(CancellationToken cancellationToken, bool includeArchived = true) =>
        Items(await db.Associations.AsNoTracking()
            .Where(a => includeArchived || a.Status != AssociationStatus.Archived)
            .OrderBy(a => a.Name)
            .Select(a => new Option(a.Id, LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr) + " (" + a.City + ")"))
            .ToListAsync(cancellationToken));

    public async Task<List<SelectListItem>> CallsAsync(CancellationToken cancellationToken) =>
        Items(await cache.GetOrBuildAsync("lookups:calls", ct => db.Calls.AsNoTracking()
            .OrderByDescending(c => c.Year).ThenBy(c => c.Reference)
            .Select(c => new Option(c.Id, c.Reference + " · " + c.Title))
            .ToListAsync(ct), cancellationToken));

    /// <summary>Inactive domains are offered only where a record already uses one (<paramref name="keep"/>).</summary>
    public async Task<List<SelectListItem>> DomainsAsync(CancellationToken cancellationToken, bool activeOnly = false, IReadOnlyCollection<int>? keep = null)
    {
        var kept = keep ?? [];
        var culture = PortalCultures.Current;
        var key = $"lookups:domains:{culture}:{activeOnly}:{string.Join(',', kept.Order())}";
        return Items(await cache.GetOrBuildAsync(key, ct => db.Domains.AsNoTracking()
            .Where(d => !activeOnly || d.IsActive || kept.Contains(d.Id))
            .OrderBy(d => d.DisplayOrder)
            .Select(d => new Option(d.Id, LocalizedName.In(culture, d.NameFr, d.NameAr, d.NameEn)))
            .ToListAsync(ct), cancellationToken));
    }

    /// <summary>Years that hold records, plus the current and the next one (conventions are prepared ahead).</summary>
    public async Task<List<int>> YearsAsync(CancellationToken cancellationToken)
    {
        var current = time.GetLocalNow().Year;
        var recorded = await cache.GetOrBuildAsync("lookups:years", async ct =>
        {
            var years = await ConventionYearsAsync(ct);
            years.AddRange(await db.Calls.AsNoTracking().Select(c => c.Year)
                .Union(db.Activities.AsNoTracking().Select(a => a.Year))
                .ToListAsync(ct));
            return years;
        }, cancellationToken);
        return [.. recorded.Append(current).Append(current + 1).Distinct().OrderByDescending(y => y)];
    }

    /// <summary>
    /// The budget years of the conventions, ascending, one index seek a year: a <c>DISTINCT</c> reads every convention
    /// (28 ms on 500,000 of them, on every list page), the next year after the last one found is a single seek.
    /// </summary>
    public async Task<List<int>> ConventionYearsAsync(CancellationToken cancellationToken)
    {
        var budgetYears = db.Conventions.AsNoTracking().Select(c => c.BudgetYear);
        var years = new List<int>();
        var next = await budgetYears.MinAsync(y => (int?)y, cancellationToken);
        while (next is { } year)
        {
            years.Add(year);
            next = await budgetYears.Where(y => y > year).MinAsync(y => (int?)y, cancellationToken);
        }

        return years;
    }

    private static List<SelectListItem> Items(List<Option> options) =>
        [.. options.Select(o => new SelectListItem(o.Text, o.Id.ToString(CultureInfo.InvariantCulture)))];

    public List<SelectListItem> Regions() =>
        [.. Enum.GetValues<Region>().Select(r => new SelectListItem(l[RecordText.Of(r)], r.ToString()))];

    public List<SelectListItem> Statuses<TEnum>(Func<TEnum, string> text)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(s => new SelectListItem(l[text(s)], s.ToString()))];

    private sealed record Option(int Id, string Text);
}
