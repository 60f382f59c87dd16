using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.ConfigureAudit();
        builder.Property(a => a.AcknowledgementNumber).HasMaxLength(20);
        builder.Property(a => a.ProjectTitle).HasMaxLength(250);
        builder.Property(a => a.City).HasMaxLength(100);
        builder.Property(a => a.Summary).HasMaxLength(4000);
        builder.Property(a => a.Objectives).HasMaxLength(4000);
        builder.Property(a => a.PlannedActivities).HasMaxLength(4000);
        builder.Property(a => a.TargetGroup).HasMaxLength(1000);
        builder.Property(a => a.DecisionReason).HasMaxLength(2000);

        // Unique: two submissions at the same instant cannot take the same number (the second takes the next one).
        builder.HasIndex(a => a.AcknowledgementNumber).IsUnique();
        builder.HasIndex(a => new { a.CallForProjectsId, a.Status });
        builder.HasIndex(a => new { a.AssociationId, a.CallForProjectsId });

        builder.HasOne(a => a.CallForProjects).WithMany(c => c.Applications).HasForeignKey(a => a.CallForProjectsId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Association).WithMany().HasForeignKey(a => a.AssociationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Domain).WithMany().HasForeignKey(a => a.DomainId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Convention).WithMany().HasForeignKey(a => a.ConventionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.BudgetLines).WithOne(l => l.Application).HasForeignKey(l => l.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Messages).WithOne(m => m.Application).HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Reviews).WithOne(r => r.Application).HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationBudgetLineConfiguration : IEntityTypeConfiguration<ApplicationBudgetLine>
{
    public void Configure(EntityTypeBuilder<ApplicationBudgetLine> builder)
    {
        builder.ConfigureAudit();
        builder.Property(l => l.Category).HasMaxLength(200);
        builder.Property(l => l.PartnerName).HasMaxLength(200);
    }
}

internal sealed class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public void Configure(EntityTypeBuilder<ApplicationMessage> builder)
    {
        builder.ConfigureAudit();
        builder.Property(m => m.Text).HasMaxLength(4000);
    }
}

internal sealed class ScoringCriterionConfiguration : IEntityTypeConfiguration<ScoringCriterion>
{
    public void Configure(EntityTypeBuilder<ScoringCriterion> builder)
    {
        builder.ToTable("ScoringCriteria");
        builder.ConfigureAudit();
        builder.Property(c => c.Label).HasMaxLength(250);
        builder.HasOne(c => c.CallForProjects).WithMany(c => c.Criteria).HasForeignKey(c => c.CallForProjectsId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewerAssignmentConfiguration : IEntityTypeConfiguration<ReviewerAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewerAssignment> builder)
    {
        builder.ConfigureAudit();
        // The length of Identity's user id, which it references.
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasIndex(r => new { r.CallForProjectsId, r.UserId }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.HasOne(r => r.CallForProjects).WithMany().HasForeignKey(r => r.CallForProjectsId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ConfigureAudit();
        builder.Property(r => r.ReviewerId).HasMaxLength(450);
        // One review per reviewer and application: a second declaration changes the first.
        builder.HasIndex(r => new { r.ApplicationId, r.ReviewerId }).IsUnique();
        builder.HasIndex(r => r.ReviewerId);
        // Restrict: the application's cascade already reaches reviews; a second path from the account is refused by SQL Server.
        builder.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne(s => s.Review).HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewScoreConfiguration : IEntityTypeConfiguration<ReviewScore>
{
    public void Configure(EntityTypeBuilder<ReviewScore> builder)
    {
        builder.ConfigureAudit();
        builder.Property(s => s.Comment).HasMaxLength(2000);
        builder.HasIndex(s => new { s.ReviewId, s.ScoringCriterionId }).IsUnique();
        builder.HasOne(s => s.Criterion).WithMany().HasForeignKey(s => s.ScoringCriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}
