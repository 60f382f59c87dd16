using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class BilanEditionConfiguration : IEntityTypeConfiguration<BilanEdition>
{
    /// <summary>An introduction of a few paragraphs, as in the source document (about 1,500 characters).</summary>
    public const int IntroductionLength = 8000;

    public void Configure(EntityTypeBuilder<BilanEdition> builder)
    {
        builder.ToTable("BilanEditions");
        builder.ConfigureAudit();
        builder.Property(e => e.IntroductionFr).HasMaxLength(IntroductionLength);
        builder.Property(e => e.IntroductionAr).HasMaxLength(IntroductionLength);
        builder.Property(e => e.IntroductionEn).HasMaxLength(IntroductionLength);
        builder.HasMany(e => e.Versions).WithOne(v => v.Edition).HasForeignKey(v => v.EditionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BilanEditionVersionConfiguration : IEntityTypeConfiguration<BilanEditionVersion>
{
    public void Configure(EntityTypeBuilder<BilanEditionVersion> builder)
    {
        builder.ToTable("BilanEditionVersions");
        builder.Property(v => v.IntroductionFr).HasMaxLength(BilanEditionConfiguration.IntroductionLength);
        builder.Property(v => v.IntroductionAr).HasMaxLength(BilanEditionConfiguration.IntroductionLength);
        builder.Property(v => v.IntroductionEn).HasMaxLength(BilanEditionConfiguration.IntroductionLength);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);

        // The years' reports: about 10 KB a year with its activities; the bound (nvarchar(max) on SQL Server) only
        // keeps a runaway snapshot out of the table.
        builder.Property(v => v.SnapshotJson).HasMaxLength(2_000_000);

        // Two managers publishing at once cannot both take the same number: the second save fails and is retried.
        builder.HasIndex(v => new { v.EditionId, v.Number }).IsUnique();
        builder.HasIndex(v => v.PublishedAtUtc);
    }
}
