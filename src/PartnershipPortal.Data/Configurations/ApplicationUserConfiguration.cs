using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(150);
        builder.Property(u => u.PreferredCulture).HasMaxLength(8);
        builder.HasOne(u => u.Association)
            .WithMany()
            .HasForeignKey(u => u.AssociationId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
