using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class ConventionAmendmentConfiguration : IEntityTypeConfiguration<ConventionAmendment>
{
    public void Configure(EntityTypeBuilder<ConventionAmendment> builder)
    {
        builder.ToTable("ConventionAmendments");
        builder.ConfigureAudit();
        builder.Property(a => a.Reference).HasMaxLength(40);
        builder.Property(a => a.Reason).HasMaxLength(1000);
        // Unique per convention: two agents amending at once cannot both take AV2.
        builder.HasIndex(a => new { a.ConventionId, a.Number }).IsUnique();

        builder.HasMany(a => a.Changes)
            .WithOne(c => c.Amendment)
            .HasForeignKey(c => c.AmendmentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConventionAmendmentChangeConfiguration : IEntityTypeConfiguration<ConventionAmendmentChange>
{
    public void Configure(EntityTypeBuilder<ConventionAmendmentChange> builder)
    {
        builder.ToTable("ConventionAmendmentChanges");
        builder.Property(c => c.ProjectTitle).HasMaxLength(250);
        // No foreign key to the project: a project removed by an amendment is deleted, its line of history stays.
        builder.HasIndex(c => c.AmendmentId);
    }
}
