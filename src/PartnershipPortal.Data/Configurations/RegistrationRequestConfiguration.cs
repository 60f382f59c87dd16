using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class RegistrationRequestConfiguration : IEntityTypeConfiguration<RegistrationRequest>
{
    public void Configure(EntityTypeBuilder<RegistrationRequest> builder)
    {
        builder.ConfigureAudit();
        builder.Property(r => r.Name).HasMaxLength(250);
        builder.Property(r => r.NameAr).HasMaxLength(250);
        builder.Property(r => r.RegistrationNumber).HasMaxLength(50);
        builder.Property(r => r.City).HasMaxLength(100);
        builder.Property(r => r.Address).HasMaxLength(300);
        builder.Property(r => r.ContactPerson).HasMaxLength(150);
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.Phone).HasMaxLength(30);
        builder.Property(r => r.RejectionReason).HasMaxLength(2000);
        builder.HasIndex(r => new { r.Status, r.CreatedAtUtc });
        builder.HasOne(r => r.ReceiptFile).WithMany().HasForeignKey(r => r.ReceiptFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Association).WithMany().HasForeignKey(r => r.AssociationId).OnDelete(DeleteBehavior.Restrict);
    }
}
