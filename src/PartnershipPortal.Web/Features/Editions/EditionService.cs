using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Auditing;

namespace PartnershipPortal.Web.Features.Editions;

/// <summary>
/// The bilan's editions: drafts that managers write and preview with the live figures, and their published versions,
/// frozen as JSON so that a later edit of a record never changes what was sent out.
/// </summary>
public sealed class EditionService(PortalDbContext db, BilanService bilan, ICurrentActor actor, TimeProvider clock, IMemoryCache cache, AuditWriter audit, IOutputCacheStore publicPages)
{
    public const int IntroductionLength = 8000;

    /// <summary>The source document covers two years; ten keeps a page and its PDF readable.</summary>
    public const int MaxYears = 10;

    public async Task<IReadOnlyList<EditionRow>> ListAsync(CancellationToken cancellationToken) =>
        await db.BilanEditions.AsNoTracking()
            .OrderByDescending(e => e.LastYear).ThenByDescending(e => e.Id)
            .Select(e => new EditionRow(
                e.Id,
                e.FirstYear,
                e.LastYear,
                e.Versions.Max(v => (int?)v.Number),
                e.Versions.Max(v => (DateTime?)v.PublishedAtUtc)))
            .ToListAsync(cancellationToken);

    public async Task<EditionForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.BilanEditions.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new EditionForm
            {
                FirstYear = e.FirstYear,
                LastYear = e.LastYear,
                IntroductionFr = e.IntroductionFr,
                IntroductionAr = e.IntroductionAr,
                IntroductionEn = e.IntroductionEn,
                Version = e.Version,
            })
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<int> CreateAsync(EditionForm form, CancellationToken cancellationToken)
    {
        var edition = new BilanEdition { IntroductionFr = "" };
        Apply(edition, form);
        db.BilanEditions.Add(edition);
        await db.SaveChangesAsync(cancellationToken);
        return edition.Id;
    }

    /// <summary>False when the edition is gone; a stale <see cref="EditionForm.Version"/> raises the concurrency exception.</summary>
    public async Task<bool> UpdateAsync(int id, EditionForm form, CancellationToken cancellationToken)
    {
        var edition = await db.BilanEditions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return false;
        }

        db.Entry(edition).Property(e => e.Version).OriginalValue = form.Version;
        Apply(edition, form);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The draft as it would be published now: the live figures of each year.</summary>
    public async Task<EditionDocument?> PreviewAsync(int id, CancellationToken cancellationToken)
    {
        var edition = await db.BilanEditions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return null;
        }

        var reports = new List<BilanReport>();
        for (var year = edition.FirstYear; year <= edition.LastYear; year++)
        {
            reports.Add(await bilan.ReportAsync(year, cancellationToken));
        }

        return new EditionDocument(edition.Id, null, edition.FirstYear, edition.LastYear, edition.IntroductionFr,
            edition.IntroductionAr, edition.IntroductionEn, Numbered(reports), null);
    }

    /// <summary>
    /// Freezes the edition into its next version: each year is built from the database (not the cache, which may lag
    /// behind another instance's writes), serialized and stored with the introduction. Null when the edition is gone.
    /// </summary>
    public async Task<int?> PublishAsync(int id, CancellationToken cancellationToken)
    {
        var edition = await db.BilanEditions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return null;
        }

        var reports = new List<BilanReport>();
        for (var year = edition.FirstYear; year <= edition.LastYear; year++)
        {
            reports.Add(await bilan.BuildAsync(year, cancellationToken));
        }

        var snapshot = new EditionSnapshot(EditionSnapshot.CurrentSchema, reports).ToJson();
        // Two publications at once would take the same number: the unique index refuses the second, which takes the next.
        for (var attempt = 1; ; attempt++)
        {
            var previous = await db.BilanEditionVersions.Where(v => v.EditionId == id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
            var version = new BilanEditionVersion
            {
                EditionId = id,
                Number = previous + 1,
                FirstYear = edition.FirstYear,
                LastYear = edition.LastYear,
                IntroductionFr = edition.IntroductionFr,
                IntroductionAr = edition.IntroductionAr,
                IntroductionEn = edition.IntroductionEn,
                SnapshotJson = snapshot,
                PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
                PublishedBy = actor.Name,
            };
            db.BilanEditionVersions.Add(version);
            // Who published which edition, and the number it took: a version row says it too, but the audit log is
            // where administrators look for who did what.
            audit.Stage(AuditActions.Publish, nameof(BilanEdition), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                details: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{edition.FirstYear}–{edition.LastYear} · version {version.Number}"));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                // The public list and the edition's page name the latest version: this instance's cached pages go.
                await publicPages.EvictByTagAsync(Publications.PublicationsCache.Tag, cancellationToken);
                return version.Number;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.State = EntityState.Detached;
                }
            }
        }
    }

    public async Task<IReadOnlyList<EditionVersionRow>> VersionsAsync(int id, CancellationToken cancellationToken) =>
        await db.BilanEditionVersions.AsNoTracking()
            .Where(v => v.EditionId == id)
            .OrderByDescending(v => v.Number)
            .Select(v => new EditionVersionRow(v.Number, v.PublishedAtUtc, v.PublishedBy))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// A published version as it was frozen; null when there is no such version. A version never changes, so its
    /// parsed document is kept in memory for the public page's repeated reads, until half an hour after the last one (the
    /// shared cache has no size limit: a few versions a year; the entry gives its size should it ever get one).
    /// </summary>
    public async Task<EditionDocument?> VersionAsync(int id, int number, CancellationToken cancellationToken)
    {
        var key = (nameof(EditionService), id, number);
        if (cache.TryGetValue(key, out EditionDocument? cached) && cached is not null)
        {
            return cached;
        }

        var version = await db.BilanEditionVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.EditionId == id && v.Number == number, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var document = new EditionDocument(id, version.Number, version.FirstYear, version.LastYear, version.IntroductionFr,
            version.IntroductionAr, version.IntroductionEn, Numbered(EditionSnapshot.FromJson(version.SnapshotJson).Years),
            version.PublishedAtUtc);
        cache.Set(key, document, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 });
        return document;
    }

    /// <summary>The latest version's number of an edition, or null when it was never published.</summary>
    public async Task<int?> LatestVersionAsync(int id, CancellationToken cancellationToken) =>
        await db.BilanEditionVersions.Where(v => v.EditionId == id).MaxAsync(v => (int?)v.Number, cancellationToken);

    /// <summary>The published editions for the public page: each with its latest version, newest years first.</summary>
    public async Task<IReadOnlyList<EditionRow>> PublishedAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(e => e.LatestVersion is not null).ToList();

    private static List<EditionYear> Numbered(IEnumerable<BilanReport> reports) =>
        reports.OrderBy(r => r.Year).Select((r, i) => new EditionYear(r, i + 1)).ToList();

    private static void Apply(BilanEdition edition, EditionForm form)
    {
        edition.FirstYear = form.FirstYear!.Value;
        edition.LastYear = form.LastYear!.Value;
        edition.IntroductionFr = form.IntroductionFr!.Trim();
        edition.IntroductionAr = Blank(form.IntroductionAr);
        edition.IntroductionEn = Blank(form.IntroductionEn);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
