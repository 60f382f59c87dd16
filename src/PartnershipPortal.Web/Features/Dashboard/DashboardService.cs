using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Dashboard;

/// <summary>
/// One year at a glance. Its figures are the bilan's own report (<see cref="BilanService"/>): the same projects,
/// conventions and associations, counted once (<see cref="CountedProjects"/>).
/// </summary>
public sealed class DashboardService(PortalDbContext db, RecordLookups lookups, BilanService bilan)
{
    private const int ChangesShown = 12;

    public async Task<DashboardModel> GetAsync(int year, CancellationToken cancellationToken)
    {
        var report = await bilan.ReportAsync(year, cancellationToken);

        return new DashboardModel
        {
            Year = year,
            Years = await lookups.YearsAsync(cancellationToken),
            YearsWithData = await YearsWithCountedConventionsAsync(cancellationToken),
            Associations = report.Associations,
            Conventions = report.Conventions,
            DraftConventions = await db.Conventions.CountAsync(c => c.BudgetYear == year && c.Status == ConventionStatus.Draft, cancellationToken),
            Projects = report.Projects,
            AmountCentimes = report.AmountCentimes,
            // By amount here; the bilan's own order (projects first) breaks the ties.
            ByDomain = [.. report.Rows
                .OrderByDescending(r => r.AmountCentimes)
                .Select(r => new DomainFigure(r.Name, r.Projects, r.AmountCentimes,
                    report.AmountCentimes == 0 ? 0 : decimal.Divide(r.AmountCentimes, report.AmountCentimes)))],
            LatestChanges = await LatestChangesAsync(cancellationToken),
        };
    }

    /// <summary>
    /// The years with a convention that counts, latest first: each year of <see cref="RecordLookups.ConventionYearsAsync"/>
    /// checked on the (year, status) index. One <c>DISTINCT</c> over the counted conventions read 250,000 of them.
    /// </summary>
    private async Task<List<int>> YearsWithCountedConventionsAsync(CancellationToken cancellationToken)
    {
        var years = new List<int>();
        foreach (var year in (await lookups.ConventionYearsAsync(cancellationToken)).AsEnumerable().Reverse())
        {
            if (await db.Conventions.AnyAsync(c => c.BudgetYear == year && Convention.CountedStatuses.Contains(c.Status), cancellationToken))
            {
                years.Add(year);
            }
        }

        return years;
    }

    /// <summary>The last records saved, whoever saved them, from their own audit columns.</summary>
    private async Task<List<RecentChange>> LatestChangesAsync(CancellationToken cancellationToken)
    {
        var changes = new List<RecentChange>();
        changes.AddRange(await db.Conventions.AsNoTracking().OrderByDescending(c => c.UpdatedAtUtc).Take(ChangesShown)
            .Select(c => new RecentChange("Convention", c.Reference + " · " + LocalizedName.In(PortalCultures.Current, c.Association!.Name, c.Association!.NameAr), "Conventions", c.Id, c.UpdatedAtUtc, c.UpdatedBy, c.CreatedAtUtc == c.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        changes.AddRange(await db.Projects.AsNoTracking().OrderByDescending(p => p.UpdatedAtUtc).Take(ChangesShown)
            .Select(p => new RecentChange("Projet", p.Title, "Projects", p.Id, p.UpdatedAtUtc, p.UpdatedBy, p.CreatedAtUtc == p.UpdatedAtUtc))
            .ToListAsync(cancellationToken));
        changes.AddRange(await db.Associations.AsNoTracking().OrderByDescending(a => a.UpdatedAtUtc).Take(ChangesShown)
            .Select(a => new RecentChange("Association", LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr), "Associations", a.Id, a.UpdatedAtUtc, a.UpdatedBy, a.CreatedAtUtc == a.UpdatedAtUtc))
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
