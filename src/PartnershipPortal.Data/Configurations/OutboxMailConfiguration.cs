using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("OutboxMails");
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);

        // Plain-text mails of a few paragraphs; the bound keeps a runaway body out of the table.
        builder.Property(m => m.Body).HasMaxLength(20_000);
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => m.DeduplicationKey).IsUnique().HasFilter("[DeduplicationKey] IS NOT NULL");

        // The sender's query: unsent, not given up, due.
        builder.HasIndex(m => new { m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc });
    }
}
