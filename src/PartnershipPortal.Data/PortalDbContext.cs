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

    public DbSet<ConventionAmendment> Amendments => Set<ConventionAmendment>();

    public DbSet<ProgrammeActivity> Activities => Set<ProgrammeActivity>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<StoredFileContent> StoredFileContents => Set<StoredFileContent>();

    public DbSet<DocumentKind> DocumentKinds => Set<DocumentKind>();

    public DbSet<DossierDocument> DossierDocuments => Set<DossierDocument>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationBudgetLine> ApplicationBudgetLines => Set<ApplicationBudgetLine>();

    public DbSet<ApplicationMessage> ApplicationMessages => Set<ApplicationMessage>();

    public DbSet<ScoringCriterion> ScoringCriteria => Set<ScoringCriterion>();

    public DbSet<ReviewerAssignment> ReviewerAssignments => Set<ReviewerAssignment>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ReviewScore> ReviewScores => Set<ReviewScore>();

    public DbSet<RegistrationRequest> RegistrationRequests => Set<RegistrationRequest>();

    public DbSet<PaymentTranche> PaymentTranches => Set<PaymentTranche>();

    public DbSet<TranchePayment> TranchePayments => Set<TranchePayment>();

    public DbSet<ConventionReport> ConventionReports => Set<ConventionReport>();

    public DbSet<ReportBudgetLine> ReportBudgetLines => Set<ReportBudgetLine>();

    public DbSet<ReportMessage> ReportMessages => Set<ReportMessage>();

    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();

    public DbSet<BilanEdition> BilanEditions => Set<BilanEdition>();

    public DbSet<BilanEditionVersion> BilanEditionVersions => Set<BilanEditionVersion>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!NeedsOwnTransaction())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        return Database.CreateExecutionStrategy().Execute(() =>
        {
            using var transaction = Database.BeginTransaction();
            var count = base.SaveChanges(acceptAllChangesOnSuccess);
            transaction.Commit();
            return count;
        });
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!NeedsOwnTransaction())
        {
            return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await Database.BeginTransactionAsync(ct);
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);
    }

    /// <summary>
    /// A created record gets its id from the database, so its audit line can only be written by a second
    /// statement after the insert (<see cref="Auditing.AuditLogInterceptor"/>); both must commit or fail together.
    /// </summary>
    private bool NeedsOwnTransaction() =>
        Database.CurrentTransaction is null
        && Database.IsRelational()
        && ChangeTracker.Entries<AuditableEntity>().Any(e => e.State == EntityState.Added);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe when members are reordered.
        configurationBuilder.Properties<Region>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AssociationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CallForProjectsStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConventionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ProjectStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActivityKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AmendmentChangeKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ApplicationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BudgetFunder>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ApplicationMessageKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ReviewConflict>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RegistrationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReportKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReportStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReportMessageKind>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
