using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>The choices of the filters and forms: associations, calls, domains, regions, statuses and years.</summary>
public sealed class RecordLookups(PortalDbContext db, IStringLocalizer<SharedResource> l, TimeProvider time)
{
    public async Task<List<SelectListItem>> AssociationsAsync(CancellationToken cancellationToken, bool includeArchived = true) =>
        Items(await db.Associations.AsNoTracking()
            .Where(a => includeArchived || a.Status != AssociationStatus.Archived)
            .OrderBy(a => a.Name)
            .Select(a => new Option(a.Id, LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr) + " (" + a.City + ")"))
            .ToListAsync(cancellationToken));

    public async Task<List<SelectListItem>> CallsAsync(CancellationToken cancellationToken) =>
        Items(await db.Calls.AsNoTracking()
            .OrderByDescending(c => c.Year).ThenBy(c => c.Reference)
            .Select(c => new Option(c.Id, c.Reference + " · " + c.Title))
            .ToListAsync(cancellationToken));

    /// <summary>Inactive domains are offered only where a record already uses one (<paramref name="keep"/>).</summary>
    public async Task<List<SelectListItem>> DomainsAsync(CancellationToken cancellationToken, bool activeOnly = false, IReadOnlyCollection<int>? keep = null)
    {
        var kept = keep ?? [];
        return Items(await db.Domains.AsNoTracking()
            .Where(d => !activeOnly || d.IsActive || kept.Contains(d.Id))
            .OrderBy(d => d.DisplayOrder)
            .Select(d => new Option(d.Id, LocalizedName.In(PortalCultures.Current, d.NameFr, d.NameAr, d.NameEn)))
            .ToListAsync(cancellationToken));
    }

    /// <summary>Years that hold records, plus the current and the next one (conventions are prepared ahead).</summary>
    public async Task<List<int>> YearsAsync(CancellationToken cancellationToken)
    {
        var current = time.GetLocalNow().Year;
        var years = await ConventionYearsAsync(cancellationToken);
        years.AddRange(await db.Calls.AsNoTracking().Select(c => c.Year)
            .Union(db.Activities.AsNoTracking().Select(a => a.Year))
            .ToListAsync(cancellationToken));
        return [.. years.Append(current).Append(current + 1).Distinct().OrderByDescending(y => y)];
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
