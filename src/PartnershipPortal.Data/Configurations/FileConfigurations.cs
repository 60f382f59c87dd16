using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.OriginalName).HasMaxLength(260);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.UploadedBy).HasMaxLength(256);
        builder.Property(f => f.DeletedBy).HasMaxLength(256);
        builder.Property(f => f.AttachedTo).HasMaxLength(64);
        builder.Property(f => f.AttachedToId).HasMaxLength(64);
        builder.HasOne(f => f.OwnerAssociation).WithMany().HasForeignKey(f => f.OwnerAssociationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.AttachedTo, f.AttachedToId });
        builder.HasIndex(f => f.DeletedAtUtc);
    }
}

internal sealed class StoredFileContentConfiguration : IEntityTypeConfiguration<StoredFileContent>
{
    public void Configure(EntityTypeBuilder<StoredFileContent> builder)
    {
        builder.HasKey(c => c.FileId);
        builder.Property(c => c.FileId).ValueGeneratedNever();
        builder.HasOne<StoredFile>().WithOne().HasForeignKey<StoredFileContent>(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentKindConfiguration : IEntityTypeConfiguration<DocumentKind>
{
    public void Configure(EntityTypeBuilder<DocumentKind> builder)
    {
        builder.ConfigureAudit();
        builder.Property(k => k.Code).HasMaxLength(32);
        builder.Property(k => k.NameFr).HasMaxLength(200);
        builder.Property(k => k.NameAr).HasMaxLength(200);
        builder.Property(k => k.NameEn).HasMaxLength(200);
        builder.HasIndex(k => k.Code).IsUnique();
    }
}

internal sealed class DossierDocumentConfiguration : IEntityTypeConfiguration<DossierDocument>
{
    public void Configure(EntityTypeBuilder<DossierDocument> builder)
    {
        builder.ConfigureAudit();
        builder.HasOne(d => d.Association).WithMany().HasForeignKey(d => d.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.DocumentKind).WithMany().HasForeignKey(d => d.DocumentKindId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.StoredFile).WithMany().HasForeignKey(d => d.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.AssociationId, d.DocumentKindId, d.VersionNumber }).IsUnique();
        builder.HasIndex(d => new { d.AssociationId, d.IsCurrent });
        // The follow-up's documents expiring (/Echeances).
        builder.HasIndex(d => new { d.IsCurrent, d.ValidUntil });
    }
}
