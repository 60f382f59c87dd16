using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class InterventionDomainConfiguration : IEntityTypeConfiguration<InterventionDomain>
{
    public void Configure(EntityTypeBuilder<InterventionDomain> builder)
    {
        builder.ConfigureAudit();
        builder.Property(d => d.Code).HasMaxLength(16);
        builder.Property(d => d.NameFr).HasMaxLength(200);
        builder.Property(d => d.NameAr).HasMaxLength(200);
        builder.Property(d => d.NameEn).HasMaxLength(200);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => d.DisplayOrder);
    }
}
