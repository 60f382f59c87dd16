using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const int MaxValuesLength = 32000;

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.EntityType).HasMaxLength(128);
        builder.Property(e => e.EntityId).HasMaxLength(64);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(1000);

        // Whole records as JSON: beyond 4000 characters SQL Server stores them as nvarchar(max).
        builder.Property(e => e.OldValues).HasMaxLength(MaxValuesLength);
        builder.Property(e => e.NewValues).HasMaxLength(MaxValuesLength);

        // The log is browsed newest first, filtered by who, what and when.
        builder.HasIndex(e => e.AtUtc);
        builder.HasIndex(e => new { e.UserName, e.AtUtc });
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => new { e.Action, e.AtUtc });
    }
}
