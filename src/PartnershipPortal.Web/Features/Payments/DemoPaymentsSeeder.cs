using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>
/// The demo's money and obligations: every signed 2017 and 2018 convention paid in full on its proposed schedule,
/// with its reports approved. The projects and conventions are not touched, so the published bilans stay as they are.
/// No convention of the current year: a signed one would count, and the bilan's comparison would gain a year.
/// Runs once (idempotent).
/// </summary>
public sealed class DemoPaymentsSeeder(PortalDbContext db, IOptions<TrancheRules> trancheRules, IOptions<ReportRules> reportRules)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.PaymentTranches.AnyAsync(cancellationToken))
        {
            return;
        }

        var past = await db.Conventions.Include(c => c.Projects)
            .Where(c => (c.BudgetYear == 2017 || c.BudgetYear == 2018) && Convention.SignedStatuses.Contains(c.Status) && c.SigningDate != null)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var convention in past)
        {
            var (reports, tranches) = Propose(convention, convention.SigningDate!.Value);
            foreach (var report in reports)
            {
                Approve(convention, report);
            }

            foreach (var tranche in tranches)
            {
                Pay(convention, tranche, tranche.PlannedDate, tranche.PlannedDate.AddDays(7));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private (List<ConventionReport> Reports, List<PaymentTranche> Tranches) Propose(Convention convention, DateOnly signed)
    {
        var (start, end) = PaymentSchedule.Period(signed, convention.Projects);
        var reports = PaymentSchedule.ProposeReports(0, start, end, reportRules.Value);
        var tranches = PaymentSchedule.ProposeTranches(0, convention.TotalCentimes, signed,
            reports.Single(r => r.Kind == ReportKind.Final).DueDate, trancheRules.Value);
        foreach (var report in reports)
        {
            convention.Reports.Add(report);
        }

        foreach (var tranche in tranches)
        {
            convention.Tranches.Add(tranche);
        }

        return (reports, tranches);
    }

    private static void Approve(Convention convention, ConventionReport report)
    {
        var submitted = report.DueDate.AddDays(-5).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        var approved = report.DueDate.AddDays(10).ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc);
        report.Status = ReportStatus.Approved;
        report.Narrative = "Activités réalisées conformément à la convention ; listes de présence et justificatifs joints.";
        report.SubmittedAtUtc = submitted;
        report.ApprovedAtUtc = approved;
        report.ApprovedBy = "agent@portail.test";
        var order = 0;
        foreach (var project in convention.Projects.Where(p => p.Status != ProjectStatus.Cancelled))
        {
            var share = report.Kind == ReportKind.Final ? project.AmountCentimes : project.AmountCentimes / 2;
            report.BudgetLines.Add(new ReportBudgetLine { Category = project.Title, PlannedCentimes = project.AmountCentimes, SpentCentimes = share, DisplayOrder = order++ });
        }

        if (report.Kind == ReportKind.Final)
        {
            foreach (var balance in convention.Tranches.Where(t => t.IsBalance))
            {
                balance.ReleasedOn = PaymentSchedule.ReleasedOn(true, balance.PlannedDate, DateOnly.FromDateTime(approved));
            }
        }

        report.Messages.Add(new ReportMessage { Kind = ReportMessageKind.Submission, FromStaff = false, AtUtc = submitted });
        report.Messages.Add(new ReportMessage { Kind = ReportMessageKind.Approved, FromStaff = true, AtUtc = approved });
    }

    private static void Pay(Convention convention, PaymentTranche tranche, DateOnly ordered, DateOnly paid)
    {
        tranche.OrderNumber = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"OP-{convention.BudgetYear}-{convention.Sequence:000}-{tranche.Number}");
        tranche.OrderedOn = ordered;
        tranche.Payments.Add(new TranchePayment { PaidOn = paid, AmountCentimes = tranche.PlannedAmountCentimes });
    }
}
