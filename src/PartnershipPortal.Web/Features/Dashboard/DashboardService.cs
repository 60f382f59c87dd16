using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Dashboard;

/// <summary>One year at a glance, counted the way the bilan counts: signed, running or completed conventions, cancelled projects left out.</summary>
public sealed class DashboardService(PortalDbContext db, RecordLookups lookups)
{
    private const int ChangesShown = 12;

    public async Task<DashboardModel> GetAsync(int year, CancellationToken cancellationToken)
    {
        var conventions = db.Conventions.AsNoTracking()
            .Where(c => c.BudgetYear == year && Convention.CountedStatuses.Contains(c.Status));
        var projects = db.Projects.AsNoTracking()
            .Where(p => p.BudgetYear == year && p.Status != ProjectStatus.Cancelled && Convention.CountedStatuses.Contains(p.Convention!.Status));

        var byDomain = await projects
            .GroupBy(p => p.DomainId)
            .Select(g => new { DomainId = g.Key, Projects = g.Count(), Amount = g.Sum(p => p.AmountCentimes) })
            .ToListAsync(cancellationToken);
        var names = await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (NameFr: PortalCultures.Current switch { PortalCultures.Arabic => d.NameAr, PortalCultures.English => d.NameEn, _ => d.NameFr }, d.DisplayOrder), cancellationToken);
        var amount = byDomain.Sum(d => d.Amount);

        return new DashboardModel
        {
            Year = year,
            Years = await lookups.YearsAsync(cancellationToken),
            YearsWithData = await db.Conventions.AsNoTracking().Where(c => Convention.CountedStatuses.Contains(c.Status))
                .Select(c => c.BudgetYear).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken),
            Associations = await conventions.Select(c => c.AssociationId).Distinct().CountAsync(cancellationToken),
            Conventions = await conventions.CountAsync(cancellationToken),
            DraftConventions = await db.Conventions.CountAsync(c => c.BudgetYear == year && c.Status == ConventionStatus.Draft, cancellationToken),
            Projects = byDomain.Sum(d => d.Projects),
            AmountCentimes = amount,
            ByDomain = [.. byDomain
                .OrderByDescending(d => d.Amount).ThenBy(d => names[d.DomainId].DisplayOrder)
                .Select(d => new DomainFigure(names[d.DomainId].NameFr, d.Projects, d.Amount, amount == 0 ? 0 : decimal.Divide(d.Amount, amount)))],
            LatestChanges = await LatestChangesAsync(cancellationToken),
        };
    }

    /// <summary>The last records saved, whoever saved them, from their own audit columns.</summary>
    private async Task<List<RecentChange>> LatestChangesAsync(CancellationToken cancellationToken)
    {
        var changes = new List<RecentChange>();
        changes.AddRange(await db.Conventions.AsNoTracking().OrderByDescending(c => c.UpdatedAtUtc).Take(ChangesShown)
            .Select(c => new RecentChange("Convention", c.Reference + " · " + (PortalCultures.Current == PortalCultures.Arabic && c.Association!.NameAr != null ? c.Association!.NameAr : c.Association!.Name), "Conventions", c.Id, c.UpdatedAtUtc, c.UpdatedBy, c.CreatedAtUtc == c.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        changes.AddRange(await db.Projects.AsNoTracking().OrderByDescending(p => p.UpdatedAtUtc).Take(ChangesShown)
            .Select(p => new RecentChange("Projet", p.Title, "Projects", p.Id, p.UpdatedAtUtc, p.UpdatedBy, p.CreatedAtUtc == p.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        changes.AddRange(await db.Associations.AsNoTracking().OrderByDescending(a => a.UpdatedAtUtc).Take(ChangesShown)
            .Select(a => new RecentChange("Association", (PortalCultures.Current == PortalCultures.Arabic && a.NameAr != null ? a.NameAr : a.Name), "Associations", a.Id, a.UpdatedAtUtc, a.UpdatedBy, a.CreatedAtUtc == a.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        changes.AddRange(await db.Calls.AsNoTracking().OrderByDescending(c => c.UpdatedAtUtc).Take(ChangesShown)
            .Select(c => new RecentChange("Appel à projets", c.Reference + " · " + c.Title, "Calls", c.Id, c.UpdatedAtUtc, c.UpdatedBy, c.CreatedAtUtc == c.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        changes.AddRange(await db.Activities.AsNoTracking().OrderByDescending(a => a.UpdatedAtUtc).Take(ChangesShown)
            .Select(a => new RecentChange("Activité", a.Title, "Activities", a.Id, a.UpdatedAtUtc, a.UpdatedBy, a.CreatedAtUtc == a.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        return [.. changes.OrderByDescending(c => c.UpdatedAtUtc).ThenByDescending(c => c.Id).Take(ChangesShown)];
    }
}
