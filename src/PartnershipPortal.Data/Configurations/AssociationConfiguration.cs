using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class AssociationConfiguration : IEntityTypeConfiguration<Association>
{
    public void Configure(EntityTypeBuilder<Association> builder)
    {
        builder.ConfigureAudit();
        // The search index is kept by triggers (migration Search); EF must know, so it does not read results back with RETURNING/OUTPUT.
        builder.ToTable(t => t.HasTrigger("TR_Associations_Search"));
        builder.Property(a => a.Name).HasMaxLength(250);
        builder.Property(a => a.NameAr).HasMaxLength(250);
        builder.Property(a => a.Acronym).HasMaxLength(30);
        builder.Property(a => a.RegistrationNumber).HasMaxLength(50);
        builder.Property(a => a.City).HasMaxLength(100);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.Phone).HasMaxLength(30);
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.ContactPerson).HasMaxLength(150);

        builder.HasIndex(a => a.RegistrationNumber).IsUnique();
        builder.HasIndex(a => a.Name);
        builder.HasIndex(a => new { a.Region, a.City });
        builder.HasIndex(a => a.Status);
    }
}
