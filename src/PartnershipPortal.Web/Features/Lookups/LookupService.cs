using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Lookups;

/// <summary>One choice offered by a typeahead: the value the filter sends and the text shown.</summary>
public sealed record LookupItem(string Value, string Text);

/// <summary>The first matches of what a person types in a filter that has too many choices for a menu.</summary>
public sealed class LookupService(PortalDbContext db, RecordSearch search, BilanCache cache)
{
    public const int Limit = 20;

    public async Task<List<LookupItem>> AssociationsAsync(string? text, CancellationToken cancellationToken)
    {
        var associations = db.Associations.AsNoTracking();
        if (search.Ids(SearchIndex.Associations, text) is { } ids)
        {
            associations = associations.Where(a => ids.Contains(a.Id));
        }

        var rows = await associations.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(Limit)
            .Select(a => new { a.Id, Name = LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr), a.City })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new LookupItem(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name + " (" + a.City + ")"))];
    }

    /// <summary>The association's name as the combobox shows it once chosen; null when there is none.</summary>
    public async Task<string?> AssociationTextAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? null : await db.Associations.AsNoTracking().Where(a => a.Id == id)
            .Select(a => LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr) + " (" + a.City + ")")
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Cities of projects and associations whose name has a word beginning with each word typed, accents and case ignored.
    /// The distinct cities (a few hundred) are read once per write or minute from the cities' indexes, then matched here.
    /// </summary>
    public async Task<List<LookupItem>> CitiesAsync(string? text, CancellationToken cancellationToken)
    {
        var all = await cache.GetOrBuildAsync("lookup:cities", async ct =>
        {
            var cities = await db.Projects.AsNoTracking().Select(p => p.City).Distinct()
                .Union(db.Associations.AsNoTracking().Select(a => a.City).Distinct())
                .ToListAsync(ct);
            return cities.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal)
                .Select(c => (City: c, Words: RecordSearch.Words(c)))
                .OrderBy(c => c.City, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))
                .ToList();
        }, cancellationToken);
        var typed = RecordSearch.Words(text);
        return [.. all.Where(c => typed.All(t => c.Words.Any(w => w.StartsWith(t, StringComparison.Ordinal))))
            .Take(Limit).Select(c => new LookupItem(c.City, c.City))];
    }
}

/// <summary>What the _Combobox partial needs: the filter's name, label, current value and text, and its endpoint.</summary>
public sealed record ComboboxModel(string Name, string Label, string? Value, string? Text, string Source);
