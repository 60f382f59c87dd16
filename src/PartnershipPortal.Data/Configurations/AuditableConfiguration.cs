using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal static class AuditableConfiguration
{
    public static void ConfigureAudit<T>(this EntityTypeBuilder<T> builder)
        where T : AuditableEntity
    {
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.UpdatedBy).HasMaxLength(256);
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}
