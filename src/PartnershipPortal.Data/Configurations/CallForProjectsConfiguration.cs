using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class CallForProjectsConfiguration : IEntityTypeConfiguration<CallForProjects>
{
    public void Configure(EntityTypeBuilder<CallForProjects> builder)
    {
        builder.ToTable("CallsForProjects");
        builder.ConfigureAudit();
        builder.Property(c => c.Reference).HasMaxLength(30);
        builder.Property(c => c.Title).HasMaxLength(250);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.Year, c.Status });

        builder.HasMany(c => c.Domains)
            .WithMany(d => d.Calls)
            .UsingEntity(
                "CallForProjectsDomains",
                r => r.HasOne(typeof(InterventionDomain)).WithMany().HasForeignKey("DomainId"),
                l => l.HasOne(typeof(CallForProjects)).WithMany().HasForeignKey("CallForProjectsId"));
    }
}
