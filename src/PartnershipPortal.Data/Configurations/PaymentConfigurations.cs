using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Configurations;

internal sealed class PaymentTrancheConfiguration : IEntityTypeConfiguration<PaymentTranche>
{
    public void Configure(EntityTypeBuilder<PaymentTranche> builder)
    {
        builder.ConfigureAudit();
        builder.Property(t => t.OrderNumber).HasMaxLength(50);
        builder.HasIndex(t => new { t.ConventionId, t.Number }).IsUnique();

        // The follow-up's "tranches to order", by planned date: only the tranches not ordered yet that may be (a balance
        // once released), so that a page reads its rows in order and stops, however many balances wait for their report. It
        // carries the convention's id so that leaving out the conventions not followed reads no table row.
        builder.HasIndex(t => new { t.PlannedDate, t.Id, t.ConventionId }, "IX_PaymentTranches_ToOrder")
            .HasFilter("[OrderedOn] IS NULL AND [ReleasedOn] IS NOT NULL");
        builder.HasMany(t => t.Payments).WithOne(p => p.Tranche).HasForeignKey(p => p.TrancheId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TranchePaymentConfiguration : IEntityTypeConfiguration<TranchePayment>
{
    public void Configure(EntityTypeBuilder<TranchePayment> builder)
    {
        builder.ConfigureAudit();
        builder.Property(p => p.Reason).HasMaxLength(1000);

        // A payment is reversed at most once, even by two agents at the same instant.
        builder.HasIndex(p => p.ReversesPaymentId).IsUnique().HasFilter("[ReversesPaymentId] IS NOT NULL");
        builder.HasOne(p => p.Reverses).WithMany().HasForeignKey(p => p.ReversesPaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConventionReportConfiguration : IEntityTypeConfiguration<ConventionReport>
{
    public void Configure(EntityTypeBuilder<ConventionReport> builder)
    {
        builder.ConfigureAudit();
        builder.Property(r => r.Narrative).HasMaxLength(8000);
        builder.Property(r => r.ApprovedBy).HasMaxLength(256);

        // One interim and one final report per convention: proposing the obligations twice cannot duplicate them.
        builder.HasIndex(r => new { r.ConventionId, r.Kind }).IsUnique();

        // The follow-up's and the reminders' reports, by due date: only those still expected, so that a page reads them in
        // order and stops. Its filter must be written as the queries write it for SQLite to use it (Status IN, same order).
        // It carries the convention's id so that leaving out the conventions not followed reads no table row.
        builder.HasIndex(r => new { r.DueDate, r.Id, r.ConventionId }, "IX_ConventionReports_Open")
            .HasFilter("[Status] IN ('Due', 'Returned')");

        // The reminder pass: the reports still expected whose next reminder has come (or that no pass has seen yet).
        builder.HasIndex(r => r.NextReminderOn, "IX_ConventionReports_NextReminder")
            .HasFilter("[Status] IN ('Due', 'Returned')");
        builder.HasMany(r => r.BudgetLines).WithOne(l => l.Report).HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Messages).WithOne(m => m.Report).HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportBudgetLineConfiguration : IEntityTypeConfiguration<ReportBudgetLine>
{
    public void Configure(EntityTypeBuilder<ReportBudgetLine> builder)
    {
        builder.ConfigureAudit();
        builder.Property(l => l.Category).HasMaxLength(200);
    }
}

internal sealed class ReportMessageConfiguration : IEntityTypeConfiguration<ReportMessage>
{
    public void Configure(EntityTypeBuilder<ReportMessage> builder)
    {
        builder.ConfigureAudit();
        builder.Property(m => m.Text).HasMaxLength(4000);
    }
}
