using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Echeances;

/// <summary>
/// What staff must follow up within <see cref="Horizon"/> days or have let slip: reports due or late, tranches to order,
/// conventions ending, dossier documents expiring. The four are one UNION ALL in SQL, filtered, sorted by date and
/// paged there by their keys alone; only the page's lines are then joined to their names. Each kind is read in date order
/// from an index that holds only what is still expected (<c>IX_ConventionReports_Open</c>, <c>IX_PaymentTranches_ToOrder</c>,
/// projects by end date) and stops at the page's last row: on a million projects a quarter of a million reports are late,
/// and sorting them all on every view took seconds (docs/performance.md). The count and the pages are kept until the next
/// write or the next day (<see cref="ListCache"/>), as are the filters' document kinds and agents.
/// </summary>
public sealed class EcheanceService(PortalDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l, ListCache lists, BilanCache cache)
{
    public const int Horizon = 30;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public Task<ListPage<EcheanceRow>> ListAsync(EcheanceListQuery query, CancellationToken cancellationToken)
    {
        var today = Today;
        return lists.PageAsync("Echeance", query, $"{today:yyyy-MM-dd}", ct => ReadPageAsync(query, today, ct), cancellationToken);
    }

    private async Task<ListPage<EcheanceRow>> ReadPageAsync(EcheanceListQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        var total = await lists.GetAsync("Echeance", query, $"count:{today:yyyy-MM-dd}", ct => Keys(Filtered(query), query.Kind, null).CountAsync(ct), cancellationToken);
        var pageCount = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var skip = (page - 1) * query.PageSize;

        // The page's lines are found by their keys alone (date, kind, id: each kind's index holds them), and only those are
        // joined to their convention and association: at page 2,000 the joins run for 20 lines instead of 160,000.
        var keys = await SortedKeys(Keys(Filtered(query), query.Kind, skip + query.PageSize)).Skip(skip).Take(query.PageSize).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return new ListPage<EcheanceRow>([], total, page, query.PageSize, "date", false);
        }

        var items = await Sorted(Lines(ByKeys(keys), query.Kind)).ToListAsync(cancellationToken);
        return new ListPage<EcheanceRow>(items, total, page, query.PageSize, "date", false);
    }

    public Task<Dictionary<int, string>> DocumentKindsAsync(CancellationToken cancellationToken)
    {
        var culture = PortalCultures.Current;
        return cache.GetOrBuildAsync($"echeances:kinds:{culture}", ct => db.DocumentKinds.AsNoTracking().ToDictionaryAsync(k => k.Id, k => culture switch
        {
            PortalCultures.Arabic => k.NameAr,
            PortalCultures.English => k.NameEn,
            _ => k.NameFr,
        }, ct), cancellationToken);
    }

    /// <summary>The accounts that can follow conventions (agents and administrators), for the filter.</summary>
    public async Task<List<SelectListItem>> AgentsAsync(CancellationToken cancellationToken)
    {
        var agents = await cache.GetOrBuildAsync("echeances:agents", async ct =>
        {
            var roles = await db.Roles.Where(r => r.Name == Roles.Agent || r.Name == Roles.Administrator).Select(r => r.Id).ToListAsync(ct);
            return await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
                .OrderBy(u => u.FullName).Select(u => new Agent(u.Id, u.FullName ?? u.Email)).ToListAsync(ct);
        }, cancellationToken);
        return [.. agents.Select(a => new SelectListItem(a.Name, a.Id))];
    }

    /// <summary>An agent as the filter offers it; the cache keeps these, never the <see cref="SelectListItem"/>s a view may mark as selected.</summary>
    private sealed record Agent(string Id, string? Name);

    public IReadOnlyList<ExportColumn> ExportColumns() =>
    [
        new(l["Échéance"]), new(l["Objet"]), new(l["Convention"]), new(l["Association"]), new(l["Montant"], ExportKind.Amount), new(l["En retard"]),
    ];

    public async IAsyncEnumerable<object?[]> ExportRowsAsync(EcheanceListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kinds = await DocumentKindsAsync(cancellationToken);
        var today = Today;
        await foreach (var r in Query(query).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return [r.Date, Describe(r, kinds), r.Reference, r.Association, r.AmountCentimes, r.Date < today ? l["Oui"].Value : ""];
        }
    }

    public string Describe(EcheanceRow row, IReadOnlyDictionary<int, string> documentKinds) => (EcheanceKind)row.Kind switch
    {
        EcheanceKind.Report => l[PaymentText.Of(row.Detail == 1 ? ReportKind.Final : ReportKind.Interim)],
        EcheanceKind.TrancheToOrder => l["Tranche {0} à ordonnancer", row.Detail],
        EcheanceKind.ConventionEnding => l["Fin de la convention"],
        _ => l["Document du dossier qui expire : {0}", documentKinds.TryGetValue(row.Detail, out var name) ? name : ""],
    };

    /// <summary>The follow-up's lines, sorted and not yet paged: what the export streams (its SQL is tested on both providers).</summary>
    internal IOrderedQueryable<EcheanceRow> Query(EcheanceListQuery query) => Sorted(Lines(Filtered(query), query.Kind));

    /// <summary>
    /// The keys of the lines, sorted and not yet paged: what <see cref="ListAsync"/> counts and pages; with
    /// <paramref name="firstRows"/>, each kind's first keys only, all a page ending there can show.
    /// </summary>
    internal IOrderedQueryable<EcheanceKey> PageKeys(EcheanceListQuery query, int? firstRows) => SortedKeys(Keys(Filtered(query), query.Kind, firstRows));

    private static IOrderedQueryable<EcheanceRow> Sorted(IQueryable<EcheanceRow> rows) =>
        rows.OrderBy(r => r.Date).ThenBy(r => r.Kind).ThenBy(r => r.ItemId);

    private static IOrderedQueryable<EcheanceKey> SortedKeys(IQueryable<EcheanceKey> keys) =>
        keys.OrderBy(k => k.Date).ThenBy(k => k.Kind).ThenBy(k => k.ItemId);

    /// <summary>What each kind holds once the filters are applied: the same four sources for the count, the page and the export.</summary>
    private sealed record Sources(
        IQueryable<ConventionReport> Reports,
        IQueryable<PaymentTranche> Tranches,
        IQueryable<Convention> Ending,
        IQueryable<DossierDocument> Documents);

    /// <summary>
    /// The statuses of a convention whose obligations are not followed: not signed yet, cancelled, or terminated (a terminated
    /// convention may be reopened, so its reports stay due and are left out here rather than closed).
    /// </summary>
    private static readonly ConventionStatus[] UnfollowedStatuses =
        Enum.GetValues<ConventionStatus>().Where(s => !Convention.SignedStatuses.Contains(s) || s == ConventionStatus.Terminated).ToArray();

    private Sources Filtered(EcheanceListQuery query)
    {
        var today = Today;
        var until = today.AddDays(Horizon);
        var conventions = db.Conventions.AsNoTracking().Where(c => Convention.SignedStatuses.Contains(c.Status));
        var filtered = query.CallId is not null || query.Region is not null || query.AgentId is { Length: > 0 };
        if (query.CallId is { } callId)
        {
            conventions = conventions.Where(c => c.CallForProjectsId == callId);
        }

        if (query.Region is { } region)
        {
            conventions = conventions.Where(c => c.Association!.Region == region);
        }

        if (query.AgentId is { Length: > 0 } agentId)
        {
            conventions = conventions.Where(c => c.FollowUpAgentId == agentId);
        }

        var open = conventions.Where(c => c.Status != ConventionStatus.Terminated);

        // Unfiltered, a line is kept unless its convention is among the few not followed: one list read once from the
        // status index, where checking each line's convention costs a lookup per line (40,000 at page 2,000). The open
        // lines' indexes carry the convention's id for that reason (IX_ConventionReports_Open, IX_PaymentTranches_ToOrder).
        var unfollowed = db.Conventions.Where(c => UnfollowedStatuses.Contains(c.Status)).Select(c => c.Id);
        var reports = db.ConventionReports.AsNoTracking()
            .Where(r => (r.Status == ReportStatus.Due || r.Status == ReportStatus.Returned) && r.DueDate <= until);
        reports = filtered ? reports.Where(r => open.Any(c => c.Id == r.ConventionId)) : reports.Where(r => !unfollowed.Contains(r.ConventionId));

        // A balance waits for its final report's approval: it is "to order" only once released (Rules:Tranches refuses it before by default).
        var tranches = db.PaymentTranches.AsNoTracking().Where(t => t.OrderedOn == null && t.ReleasedOn != null && t.PlannedDate <= until);
        tranches = filtered ? tranches.Where(t => open.Any(c => c.Id == t.ConventionId)) : tranches.Where(t => !unfollowed.Contains(t.ConventionId));

        // Ending: a project ends within the horizon and none ends later. The conventions are found from the projects ending
        // (the index on Projects.EndDate), not the projects from every open convention.
        var endingSoon = db.Projects.Where(p => p.EndDate >= today && p.EndDate <= until && p.Status != ProjectStatus.Cancelled).Select(p => p.ConventionId);
        var ending = open.Where(c => (c.Status == ConventionStatus.Signed || c.Status == ConventionStatus.InProgress)
                && endingSoon.Contains(c.Id)
                && !c.Projects.Any(p => p.EndDate > until && p.Status != ProjectStatus.Cancelled));

        // A document of an association the filters keep: one with a convention among them (every association without a filter).
        var documents = db.DossierDocuments.AsNoTracking().Where(d => d.IsCurrent && d.ValidUntil != null && d.ValidUntil <= until);
        if (query.CallId is not null || query.AgentId is { Length: > 0 })
        {
            documents = documents.Where(d => conventions.Any(c => c.AssociationId == d.AssociationId));
        }
        else if (query.Region is { } documentRegion)
        {
            documents = documents.Where(d => d.Association!.Region == documentRegion);
        }

        return new Sources(reports, tranches, ending, documents);
    }

    /// <summary>The four sources reduced to the lines of one page, by their keys (the filters already chose them).</summary>
    private Sources ByKeys(IReadOnlyList<EcheanceKey> keys)
    {
        List<int> Of(EcheanceKind kind) => keys.Where(k => k.Kind == (int)kind).Select(k => k.ItemId).ToList();
        var reportIds = Of(EcheanceKind.Report);
        var trancheIds = Of(EcheanceKind.TrancheToOrder);
        var conventionIds = Of(EcheanceKind.ConventionEnding);
        var documentIds = Of(EcheanceKind.DocumentExpiring);
        return new Sources(
            db.ConventionReports.AsNoTracking().Where(r => EF.Parameter(reportIds).Contains(r.Id)),
            db.PaymentTranches.AsNoTracking().Where(t => EF.Parameter(trancheIds).Contains(t.Id)),
            db.Conventions.AsNoTracking().Where(c => EF.Parameter(conventionIds).Contains(c.Id)),
            db.DossierDocuments.AsNoTracking().Where(d => EF.Parameter(documentIds).Contains(d.Id)));
    }

    /// <summary>The sources' keys; with <paramref name="firstRows"/>, only each kind's first ones by date, all a page can show.</summary>
    private static IQueryable<EcheanceKey> Keys(Sources sources, EcheanceKind? kind, int? firstRows)
    {
        var reports = sources.Reports.OrderBy(r => r.DueDate).ThenBy(r => r.Id)
            .Select(r => new EcheanceKey { Kind = (int)EcheanceKind.Report, Date = r.DueDate, ItemId = r.Id });
        var tranches = sources.Tranches.OrderBy(t => t.PlannedDate).ThenBy(t => t.Id)
            .Select(t => new EcheanceKey { Kind = (int)EcheanceKind.TrancheToOrder, Date = t.PlannedDate, ItemId = t.Id });
        var ending = sources.Ending.Select(c => new EcheanceKey
        {
            Kind = (int)EcheanceKind.ConventionEnding, Date = c.Projects.Where(p => p.Status != ProjectStatus.Cancelled && p.EndDate != null).Max(p => p.EndDate!.Value), ItemId = c.Id,
        });
        var expiring = sources.Documents.Select(d => new EcheanceKey { Kind = (int)EcheanceKind.DocumentExpiring, Date = d.ValidUntil!.Value, ItemId = d.Id });
        if (firstRows is { } n)
        {
            reports = reports.Take(n);
            tranches = tranches.Take(n);
            ending = ending.OrderBy(k => k.Date).ThenBy(k => k.ItemId).Take(n);
            expiring = expiring.OrderBy(k => k.Date).ThenBy(k => k.ItemId).Take(n);
        }

        return OfKind(kind, reports, tranches, ending, expiring);
    }

    /// <summary>The sources' lines, with their convention's reference and their association's name.</summary>
    private static IQueryable<EcheanceRow> Lines(Sources sources, EcheanceKind? kind)
    {
        var reports = sources.Reports.Select(r => new EcheanceRow
        {
            Kind = (int)EcheanceKind.Report, Date = r.DueDate, ConventionId = r.ConventionId, Reference = r.Convention!.Reference,
            AssociationId = r.Convention.AssociationId, Association = r.Convention.Association!.Name, ItemId = r.Id, AmountCentimes = null,
            Detail = r.Kind == ReportKind.Final ? 1 : 0,
        });
        var tranches = sources.Tranches.Select(t => new EcheanceRow
        {
            Kind = (int)EcheanceKind.TrancheToOrder, Date = t.PlannedDate, ConventionId = t.ConventionId, Reference = t.Convention!.Reference,
            AssociationId = t.Convention.AssociationId, Association = t.Convention.Association!.Name, ItemId = t.Id, AmountCentimes = t.PlannedAmountCentimes,
            Detail = t.Number,
        });
        var ending = sources.Ending.Select(c => new EcheanceRow
        {
            Kind = (int)EcheanceKind.ConventionEnding,
            Date = c.Projects.Where(p => p.Status != ProjectStatus.Cancelled && p.EndDate != null).Max(p => p.EndDate!.Value),
            ConventionId = c.Id, Reference = c.Reference, AssociationId = c.AssociationId, Association = c.Association!.Name, ItemId = c.Id,
            AmountCentimes = c.TotalCentimes, Detail = 0,
        });
        var expiring = sources.Documents.Select(d => new EcheanceRow
        {
            Kind = (int)EcheanceKind.DocumentExpiring, Date = d.ValidUntil!.Value, ConventionId = null, Reference = null,
            AssociationId = d.AssociationId, Association = d.Association!.Name, ItemId = d.Id, AmountCentimes = null, Detail = d.DocumentKindId,
        });

        return OfKind(kind, reports, tranches, ending, expiring);
    }

    /// <summary>One kind's lines, or the four united (in the order the sort breaks date ties).</summary>
    private static IQueryable<T> OfKind<T>(EcheanceKind? kind, IQueryable<T> reports, IQueryable<T> tranches, IQueryable<T> ending, IQueryable<T> expiring) =>
        kind switch
        {
            EcheanceKind.Report => reports,
            EcheanceKind.TrancheToOrder => tranches,
            EcheanceKind.ConventionEnding => ending,
            EcheanceKind.DocumentExpiring => expiring,
            _ => reports.Concat(tranches).Concat(ending).Concat(expiring),
        };
}
