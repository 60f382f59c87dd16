using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data;

/// <summary>The portal's one database: the programme's records, Identity's tables and the data-protection keys.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<InterventionDomain> Domains => Set<InterventionDomain>();

    public DbSet<Association> Associations => Set<Association>();

    public DbSet<CallForProjects> Calls => Set<CallForProjects>();

    public DbSet<Convention> Conventions => Set<Convention>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProgrammeActivity> Activities => Set<ProgrammeActivity>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe when members are reordered.
        configurationBuilder.Properties<Region>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AssociationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CallForProjectsStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConventionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ProjectStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActivityKind>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
