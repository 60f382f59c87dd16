using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ConfigureAudit();
        // The search index is kept by triggers (migration Search); EF must know, so it does not read results back with RETURNING/OUTPUT.
        builder.ToTable(t => t.HasTrigger("TR_Projects_Search"));
        builder.Property(p => p.Title).HasMaxLength(250);
        builder.Property(p => p.City).HasMaxLength(100);
        builder.Property(p => p.BeneficiariesDescription).HasMaxLength(500);

        // Covering index of the bilan: one year's GROUP BY domain and region (and its planned beneficiaries) reads the
        // index alone, and so does the workbook's list of the year's projects, in this order (City after the sorted
        // columns: without it, one table lookup per project; Region and BeneficiariesCount last, read by the GROUP BY
        // and the region filter without changing the order the workbook reads; docs/performance.md).
        builder.HasIndex(p => new { p.BudgetYear, p.DomainId, p.Status, p.ConventionId, p.AmountCentimes, p.City, p.Region, p.BeneficiariesCount })
            .HasDatabaseName("IX_Projects_Bilan");
        builder.HasIndex(p => p.ConventionId);
        // The list's sort keys: with them a page, even a deep one, reads the index in order instead of sorting a million rows.
        builder.HasIndex(p => p.BudgetYear);
        builder.HasIndex(p => p.Title);
        // The city filter shows the city's projects latest year first: read in that order from the index, not sorted.
        builder.HasIndex(p => new { p.City, p.BudgetYear });
        // The region filter of /Projects, the same way.
        builder.HasIndex(p => new { p.Region, p.BudgetYear });
        builder.HasIndex(p => p.AmountCentimes);
        builder.HasIndex(p => p.Status);
        builder.HasIndex(p => p.DomainId);
        // The dashboard's latest changes (see the conventions' index).
        builder.HasIndex(p => p.UpdatedAtUtc);
        // The follow-up's "conventions ending" (/Echeances).
        builder.HasIndex(p => p.EndDate);

        builder.HasOne(p => p.Domain)
            .WithMany()
            .HasForeignKey(p => p.DomainId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
