using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>
/// The demo's money and obligations: every signed 2017 and 2018 convention paid in full on its proposed schedule,
/// with its reports approved (their projects and conventions are not touched, so the published bilans stay as they
/// are); and four conventions of the current year (the injected clock's), so that the follow-up and the association's
/// space have work to show: a first tranche paid and the balance due soon with the final report due within the month
/// (the demo association's), a late interim report, a first tranche still to order, an end within the month. They
/// count in the current year's bilan, a year the published document does not have. Runs once (idempotent).
/// </summary>
public sealed class DemoPaymentsSeeder(PortalDbContext db, IOptions<TrancheRules> trancheRules, IOptions<ReportRules> reportRules, TimeProvider time)
{
    /// <summary>Starts the title of every project of the current year's demo conventions.</summary>
    public const string CurrentTitlePrefix = "Suivi de l'année : ";

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

        await SeedCurrentAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedCurrentAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var demo = await db.Associations.FirstOrDefaultAsync(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber, cancellationToken);
        var others = await db.Associations
            .Where(a => a.Status == AssociationStatus.Active && a.RegistrationNumber != DemoDataSeeder.DemoAssociationRegistrationNumber)
            .OrderBy(a => a.Id).Take(3).ToListAsync(cancellationToken);
        var domains = await db.Domains.Where(d => d.IsActive).OrderBy(d => d.DisplayOrder).ToListAsync(cancellationToken);
        if (demo is null || others.Count < 3 || domains.Count == 0)
        {
            return;
        }

        // Signed (days before today), the project's first and last day (from today), and what happened since. With the
        // default rules the interim report is due at mid-term and the final one 60 days after the end.
        (Association Association, int Signed, int Start, int End, string Title, long Centimes, Action<Convention, List<ConventionReport>, List<PaymentTranche>, DateOnly> Since)[] plans =
        [
            // Ended 45 days ago: the interim report approved, the first tranche paid; the final report is due within
            // the month, and the balance with it.
            (demo, 310, -300, -45, "Soutien scolaire des enfants migrants", 120_000_00, (c, reports, tranches, signed) =>
            {
                Pay(c, tranches[0], signed.AddDays(3), signed.AddDays(10));
                foreach (var interim in reports.Where(r => r.Kind == ReportKind.Interim))
                {
                    Approve(c, interim);
                }
            }),
            // The first tranche paid; the interim report, due at mid-term, is late.
            (others[0], 200, -190, 170, "Médiation sociale et accès aux droits", 140_000_00, (c, _, tranches, signed) =>
                Pay(c, tranches[0], signed.AddDays(3), signed.AddDays(10))),
            // Signed three weeks ago: the first tranche is still to order.
            (others[1], 20, -10, 200, "Cours de langue pour adultes migrants", 90_000_00, (_, _, _, _) => { }),
            // Ends within the month: the first tranche paid, the interim report approved.
            (others[2], 300, -290, 20, "Accompagnement à l'insertion professionnelle", 110_000_00, (c, reports, tranches, signed) =>
            {
                Pay(c, tranches[0], signed.AddDays(2), signed.AddDays(9));
                foreach (var interim in reports.Where(r => r.Kind == ReportKind.Interim))
                {
                    Approve(c, interim);
                }
            }),
        ];
        var sequences = new Dictionary<int, int>();
        for (var i = 0; i < plans.Length; i++)
        {
            var plan = plans[i];
            var signed = today.AddDays(-plan.Signed);

            // A convention belongs to the budget year it was signed in (signing refuses another year without a reason):
            // early in January, the conventions signed ten months ago are last year's.
            var year = signed.Year;
            if (!sequences.TryGetValue(year, out var sequence))
            {
                sequence = await db.Conventions.Where(c => c.BudgetYear == year).MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0;
            }

            sequences[year] = ++sequence;
            var convention = new Convention
            {
                Reference = Convention.FormatReference(year, sequence), BudgetYear = year, Sequence = sequence, Association = plan.Association,
                Status = ConventionStatus.InProgress, SigningDate = signed,
                Projects =
                [
                    new Project
                    {
                        Title = CurrentTitlePrefix + plan.Title, BudgetYear = year, Domain = domains[i % domains.Count], City = plan.Association.City,
                        AmountCentimes = plan.Centimes, StartDate = today.AddDays(plan.Start), EndDate = today.AddDays(plan.End), Status = ProjectStatus.InProgress,
                    },
                ],
            };
            convention.RecomputeTotal();
            db.Conventions.Add(convention);
            var (reports, tranches) = Propose(convention, signed);
            plan.Since(convention, reports, tranches, signed);
        }
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
