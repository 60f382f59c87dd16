using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data;

/// <summary>
/// Gives a project its region when it is saved: from its city when it is created or its city changes, unless the same
/// save sets the region itself (staff correcting it on the project's form). One place for every way a project is made
/// (convention form, amendment, accepted application, demo data), so none of them can forget it.
/// </summary>
public sealed class ProjectRegionInterceptor : SaveChangesInterceptor
{
    public static readonly ProjectRegionInterceptor Instance = new();

    private ProjectRegionInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            foreach (var entry in ToDerive(context))
            {
                entry.Entity.Region = CityRegions.Of(entry.Entity.City) ?? AssociationRegion(context, entry.Entity);
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            foreach (var entry in ToDerive(context))
            {
                entry.Entity.Region = CityRegions.Of(entry.Entity.City) ?? await AssociationRegionAsync(context, entry.Entity, cancellationToken);
            }
        }

        return result;
    }

    private static List<EntityEntry<Project>> ToDerive(DbContext context) =>
        [.. context.ChangeTracker.Entries<Project>().Where(e =>
            (e.State == EntityState.Added && e.Entity.Region == default)
            || (e.State == EntityState.Modified
                && (e.Entity.Region == default || (e.Property(p => p.City).IsModified && !e.Property(p => p.Region).IsModified))))];

    private static Region AssociationRegion(DbContext context, Project project) =>
        project.Convention?.Association?.Region
        ?? AssociationQuery(context, project).FirstOrDefault();

    private static async Task<Region> AssociationRegionAsync(DbContext context, Project project, CancellationToken cancellationToken) =>
        project.Convention?.Association?.Region
        ?? await AssociationQuery(context, project).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<Region> AssociationQuery(DbContext context, Project project)
    {
        if (project.Convention is { AssociationId: > 0 } convention)
        {
            var associationId = convention.AssociationId;
            return context.Set<Association>().AsNoTracking().Where(a => a.Id == associationId).Select(a => a.Region);
        }

        var conventionId = project.ConventionId;
        return context.Set<Convention>().AsNoTracking().Where(c => c.Id == conventionId).Select(c => c.Association!.Region);
    }
}
