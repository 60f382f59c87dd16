using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class ConventionConfiguration : IEntityTypeConfiguration<Convention>
{
    public void Configure(EntityTypeBuilder<Convention> builder)
    {
        builder.ConfigureAudit();
        // The search index is kept by triggers (migration Search); EF must know, so it does not read results back with RETURNING/OUTPUT.
        builder.ToTable(t => t.HasTrigger("TR_Conventions_Search"));
        builder.Property(c => c.Reference).HasMaxLength(30);
        builder.Property(c => c.InternalNotes).HasMaxLength(2000);
        builder.Property(c => c.MessageToAssociation).HasMaxLength(2000);
        builder.Property(c => c.TerminationReason).HasMaxLength(1000);
        builder.HasIndex(c => c.Reference).IsUnique();
        // Unique per year: two agents creating conventions at once cannot both take the same number.
        builder.HasIndex(c => new { c.BudgetYear, c.Sequence }).IsUnique();
        builder.HasIndex(c => new { c.BudgetYear, c.Status, c.AssociationId });
        builder.HasIndex(c => new { c.AssociationId, c.BudgetYear });
        // Sort keys of the list (docs/performance.md).
        builder.HasIndex(c => c.TotalCentimes);
        builder.HasIndex(c => c.SigningDate);
        builder.HasIndex(c => c.Status);
        // The dashboard's latest changes: the last twelve saved, read from the end of the index instead of sorting every row.
        builder.HasIndex(c => c.UpdatedAtUtc);

        builder.HasOne(c => c.Association)
            .WithMany(a => a.Conventions)
            .HasForeignKey(c => c.AssociationId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasOne(c => c.CallForProjects)
            .WithMany(cp => cp.Conventions)
            .HasForeignKey(c => c.CallForProjectsId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.Projects)
            .WithOne(p => p.Convention)
            .HasForeignKey(p => p.ConventionId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.Property(c => c.FollowUpAgentId).HasMaxLength(450);
        // No foreign key to the account: SQLite adds one only by rebuilding Conventions, which its search triggers forbid;
        // an account is never deleted (it is locked), so the id stays meaningful.
        builder.HasIndex(c => c.FollowUpAgentId);

        // Restrict: money paid and reports owed are never lost with the convention that carries them.
        builder.HasMany(c => c.Tranches)
            .WithOne(t => t.Convention)
            .HasForeignKey(t => t.ConventionId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.Reports)
            .WithOne(r => r.Convention)
            .HasForeignKey(r => r.ConventionId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.Amendments)
            .WithOne(a => a.Convention)
            .HasForeignKey(a => a.ConventionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
