using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class ProgrammeActivityConfiguration : IEntityTypeConfiguration<ProgrammeActivity>
{
    public void Configure(EntityTypeBuilder<ProgrammeActivity> builder)
    {
        builder.ToTable("ProgrammeActivities");
        builder.ConfigureAudit();
        builder.Property(a => a.Title).HasMaxLength(250);
        builder.Property(a => a.Place).HasMaxLength(250);
        builder.Property(a => a.ParticipantsDescription).HasMaxLength(500);
        builder.Property(a => a.Partners).HasMaxLength(1000);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.HasIndex(a => new { a.Year, a.Kind });

        builder.HasMany(a => a.Associations)
            .WithMany(s => s.Activities)
            .UsingEntity(
                "ProgrammeActivityAssociations",
                r => r.HasOne(typeof(Association)).WithMany().HasForeignKey("AssociationId"),
                l => l.HasOne(typeof(ProgrammeActivity)).WithMany().HasForeignKey("ProgrammeActivityId"));
    }
}
