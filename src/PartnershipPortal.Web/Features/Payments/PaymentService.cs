using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>
/// A signed convention's payment schedule and the money actions on it: edit the schedule, order a tranche, record a
/// payment, reverse one. Each action is one save (the audit lines go with it), checked first against the rules of
/// <see cref="TrancheRules"/> and against the convention's total, which is never exceeded.
/// </summary>
public sealed class PaymentService(PortalDbContext db, IOptionsSnapshot<TrancheRules> trancheRules, IOptionsSnapshot<ReportRules> reportRules,
    IStringLocalizer<SharedResource> l)
{
    private TrancheRules Rules => trancheRules.Value;

    private string Overtaken => l["Quelqu'un d'autre a enregistré un mouvement sur cette tranche en même temps. Rien n'a été enregistré : rechargez la page et recommencez."];

    /// <summary>
    /// Adds the proposed schedule and reporting obligations of a convention being signed to the context, so that they
    /// are saved with the signature itself. Nothing is proposed twice. The convention comes with its projects loaded:
    /// their dates make the period.
    /// </summary>
    public async Task StageProposalAsync(Convention convention, DateOnly signed, CancellationToken cancellationToken)
    {
        var (start, end) = PaymentSchedule.Period(signed, convention.Projects);
        var reports = PaymentSchedule.ProposeReports(convention.Id, start, end, reportRules.Value);
        if (!await db.ConventionReports.AnyAsync(r => r.ConventionId == convention.Id, cancellationToken))
        {
            db.ConventionReports.AddRange(reports);
        }

        if (!await db.PaymentTranches.AnyAsync(t => t.ConventionId == convention.Id, cancellationToken))
        {
            var finalDue = reports.Single(r => r.Kind == ReportKind.Final).DueDate;
            // The convention's amount, which the schedule's total must equal (Rules:Tranches:ScheduleTotal).
            db.PaymentTranches.AddRange(PaymentSchedule.ProposeTranches(convention.Id, convention.TotalCentimes, signed, finalDue, Rules));
        }
    }

    /// <summary>For a convention signed before schedules existed (or whose proposal was deleted): propose one now.</summary>
    public async Task<MoneyOutcome> ProposeAsync(int conventionId, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.Include(c => c.Projects).SingleOrDefaultAsync(c => c.Id == conventionId, cancellationToken);
        if (convention is null)
        {
            return MoneyOutcome.Missing();
        }

        if (!Convention.SignedStatuses.Contains(convention.Status) || convention.SigningDate is not { } signed)
        {
            return MoneyOutcome.Refused(NotSigned);
        }

        await StageProposalAsync(convention, signed, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return MoneyOutcome.Done([]);
    }

    public async Task<SchedulePage?> PageAsync(int conventionId, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.AsNoTracking().Where(c => c.Id == conventionId)
            .Select(c => new { c.Id, c.Reference, Association = c.Association!.Name, c.Status, c.SigningDate, c.TotalCentimes, c.FollowUpAgentId })
            .SingleOrDefaultAsync(cancellationToken);
        if (convention is null)
        {
            return null;
        }

        var tranches = await TranchesAsync(conventionId, cancellationToken);
        var reports = await db.ConventionReports.AsNoTracking().Where(r => r.ConventionId == conventionId).OrderBy(r => r.DueDate)
            .Select(r => new ReportLine(r.Id, r.Kind, r.DueDate, r.Status, r.SubmittedAtUtc)).ToListAsync(cancellationToken);
        var warnings = tranches.Count == 0 ? [] : PaymentSchedule.CheckSchedule(Facts(tranches), convention.TotalCentimes, Rules)
            .Select(rule => Describe(rule, tranches, convention.TotalCentimes)).ToList();
        return new SchedulePage
        {
            ConventionId = convention.Id,
            Reference = convention.Reference,
            Association = convention.Association,
            Status = convention.Status,
            SigningDate = convention.SigningDate,
            TotalCentimes = convention.TotalCentimes,
            Tranches = tranches,
            Reports = reports,
            Warnings = warnings,
            FollowUpAgentId = convention.FollowUpAgentId,
            Schedule = new ScheduleForm
            {
                Lines = [.. tranches.Select(t => new TrancheLineForm
                {
                    Id = t.Id, PlannedDate = t.PlannedDate, Amount = AmountInput.ForInput(t.PlannedCentimes), IsBalance = t.IsBalance,
                })],
            },
        };
    }

    public async Task<List<TrancheLine>> TranchesAsync(int conventionId, CancellationToken cancellationToken)
    {
        var tranches = await db.PaymentTranches.AsNoTracking().Where(t => t.ConventionId == conventionId).OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Number, t.PlannedDate, t.PlannedAmountCentimes, t.IsBalance, t.OrderNumber, t.OrderedOn }).ToListAsync(cancellationToken);
        var payments = await db.TranchePayments.AsNoTracking().Where(p => p.Tranche!.ConventionId == conventionId).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.TrancheId, p.PaidOn, p.AmountCentimes, p.ReversesPaymentId, p.Reason, p.CreatedBy }).ToListAsync(cancellationToken);
        var reversed = payments.Where(p => p.ReversesPaymentId is not null).Select(p => p.ReversesPaymentId!.Value).ToHashSet();
        return [.. tranches.Select(t => new TrancheLine(t.Id, t.Number, t.PlannedDate, t.PlannedAmountCentimes, t.IsBalance, t.OrderNumber, t.OrderedOn,
            [.. payments.Where(p => p.TrancheId == t.Id)
                .Select(p => new PaymentLine(p.Id, p.PaidOn, p.AmountCentimes, p.ReversesPaymentId, p.Reason, reversed.Contains(p.Id), p.CreatedBy))]))];
    }

    /// <summary>
    /// Replaces the tranches not yet ordered by the lines posted: an ordered tranche keeps its amount and date, is not
    /// removed, and a rule set to refuse (the total by default) keeps the stored schedule as it was.
    /// </summary>
    public async Task<MoneyOutcome> SaveScheduleAsync(int conventionId, ScheduleForm form, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.AsNoTracking().Where(c => c.Id == conventionId)
            .Select(c => new { c.Status, c.TotalCentimes }).SingleOrDefaultAsync(cancellationToken);
        if (convention is null)
        {
            return MoneyOutcome.Missing();
        }

        if (!Convention.SignedStatuses.Contains(convention.Status))
        {
            return MoneyOutcome.Refused(NotSigned);
        }

        var stored = await db.PaymentTranches.Include(t => t.Payments).Where(t => t.ConventionId == conventionId).ToListAsync(cancellationToken);
        var refusals = new List<string>();
        var kept = new List<(PaymentTranche? Tranche, DateOnly Date, long Amount, bool IsBalance)>();
        foreach (var (line, index) in form.Lines.Select((line, index) => (line, index + 1)))
        {
            var tranche = line.Id is { } id ? stored.SingleOrDefault(t => t.Id == id) : null;
            if (line.Id is not null && tranche is null)
            {
                continue;
            }

            var fixedTranche = tranche is not null && (tranche.OrderedOn is not null || tranche.Payments.Count > 0);
            if (line.Remove)
            {
                if (fixedTranche)
                {
                    refusals.Add(l["La tranche {0} est ordonnancée : elle ne se retire plus de l'échéancier.", tranche!.Number]);
                }

                continue;
            }

            if (line.PlannedDate is null && line.Amount is null && tranche is null)
            {
                continue;
            }

            // Read after the check rather than bound by the pattern: a mutant without the "continue" still compiles, so
            // the mutation run keeps testing the rest of this method instead of giving up on all of it.
            if (line.PlannedDate is null)
            {
                refusals.Add(l["Ligne {0} : la date prévue est obligatoire.", index]);
                continue;
            }

            var date = line.PlannedDate.Value;

            if (!AmountInput.TryParseCentimes(line.Amount, out var amount) || amount <= 0 || amount >= AmountInput.UpperBoundCentimes)
            {
                refusals.Add(l["Ligne {0} : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", index]);
                continue;
            }

            if (fixedTranche && (amount != tranche!.PlannedAmountCentimes || line.IsBalance != tranche.IsBalance))
            {
                refusals.Add(l["La tranche {0} est ordonnancée : son montant ne change plus.", tranche.Number]);
                continue;
            }

            kept.Add((tranche, date, amount, line.IsBalance));
        }

        if (kept.Count(k => k.IsBalance) > 1)
        {
            refusals.Add(l["Une seule tranche peut être le solde."]);
        }

        if (refusals.Count > 0)
        {
            return MoneyOutcome.Refused([.. refusals, l["Rien n'a été enregistré."]]);
        }

        var next = stored.Select(t => t.Number).DefaultIfEmpty(0).Max() + 1;
        var facts = new List<TrancheFacts>();
        foreach (var (tranche, _, amount, _) in kept)
        {
            facts.Add(new TrancheFacts(tranche?.Number ?? next++, amount));
        }

        var (warnings, refused) = Findings(PaymentSchedule.CheckSchedule(facts, convention.TotalCentimes, Rules), facts, convention.TotalCentimes);
        if (refused.Count > 0)
        {
            return MoneyOutcome.Refused([.. refused, l["Rien n'a été enregistré."]]);
        }

        var approvedAt = await db.ConventionReports.Where(r => r.ConventionId == conventionId && r.Kind == ReportKind.Final && r.Status == ReportStatus.Approved)
            .Select(r => r.ApprovedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var finalApprovedOn = approvedAt is { } at ? DateOnly.FromDateTime(at) : (DateOnly?)null;
        next = stored.Select(t => t.Number).DefaultIfEmpty(0).Max() + 1;
        foreach (var tranche in stored.Where(t => !kept.Any(k => k.Tranche == t)))
        {
            db.PaymentTranches.Remove(tranche);
        }

        foreach (var (tranche, date, amount, isBalance) in kept)
        {
            if (tranche is null)
            {
                db.PaymentTranches.Add(new PaymentTranche
                {
                    ConventionId = conventionId, Number = next++, PlannedDate = date, PlannedAmountCentimes = amount, IsBalance = isBalance,
                    ReleasedOn = PaymentSchedule.ReleasedOn(isBalance, date, finalApprovedOn),
                });
            }
            else
            {
                tranche.PlannedDate = date;
                tranche.PlannedAmountCentimes = amount;
                tranche.IsBalance = isBalance;
                tranche.ReleasedOn = PaymentSchedule.ReleasedOn(isBalance, date, finalApprovedOn);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return MoneyOutcome.Done(warnings);
    }

    public async Task<MoneyOutcome> OrderAsync(int conventionId, OrderForm form, CancellationToken cancellationToken)
    {
        var (tranche, convention, problem) = await LoadAsync(conventionId, form.TrancheId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var number = AssociationService.Clean(form.OrderNumber);
        if (number is null || form.Date is null)
        {
            return MoneyOutcome.Refused(l["Le numéro et la date de l'ordre de paiement sont obligatoires. Rien n'a été enregistré."]);
        }

        if (tranche!.OrderedOn is not null)
        {
            return MoneyOutcome.Refused(l["La tranche {0} est déjà ordonnancée (ordre {1}). Rien n'a été enregistré.", tranche.Number, tranche.OrderNumber!]);
        }

        var ordered = await db.PaymentTranches.Where(t => t.ConventionId == conventionId && t.OrderedOn != null).SumAsync(t => t.PlannedAmountCentimes, cancellationToken);
        if (ordered + tranche.PlannedAmountCentimes > convention!.TotalCentimes)
        {
            return MoneyOutcome.Refused(l["Ordonnancer cette tranche porterait le montant ordonnancé à {0}, au-delà du montant de la convention ({1}). Rien n'a été enregistré.",
                PortalFormat.Dirhams(ordered + tranche.PlannedAmountCentimes), PortalFormat.Dirhams(convention.TotalCentimes)]);
        }

        var (warnings, refused) = await BalanceRuleAsync(tranche, cancellationToken);
        if (refused.Count > 0)
        {
            return MoneyOutcome.Refused([.. refused]);
        }

        tranche.OrderNumber = number;
        tranche.OrderedOn = form.Date;
        return await SaveAsync(warnings, cancellationToken);
    }

    public async Task<MoneyOutcome> PayAsync(int conventionId, PayForm form, CancellationToken cancellationToken)
    {
        var (tranche, convention, problem) = await LoadAsync(conventionId, form.TrancheId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (form.Date is null || !AmountInput.TryParseCentimes(form.Amount, out var amount) || amount <= 0)
        {
            return MoneyOutcome.Refused(l["La date et un montant positif du paiement sont obligatoires. Rien n'a été enregistré."]);
        }

        if (tranche!.OrderedOn is null)
        {
            return MoneyOutcome.Refused(l["La tranche {0} n'est pas ordonnancée : elle se paie une fois l'ordre de paiement établi. Rien n'a été enregistré.", tranche.Number]);
        }

        var paidOnTranche = tranche.Payments.Sum(p => p.AmountCentimes);
        if (paidOnTranche + amount > tranche.PlannedAmountCentimes)
        {
            return MoneyOutcome.Refused(l["Ce paiement porterait le montant payé de la tranche {0} à {1}, au-delà du montant ordonnancé ({2}). Rien n'a été enregistré.",
                tranche.Number, PortalFormat.Dirhams(paidOnTranche + amount), PortalFormat.Dirhams(tranche.PlannedAmountCentimes)]);
        }

        var paid = await db.TranchePayments.Where(p => p.Tranche!.ConventionId == conventionId).SumAsync(p => p.AmountCentimes, cancellationToken);
        if (paid + amount > convention!.TotalCentimes)
        {
            return MoneyOutcome.Refused(l["Ce paiement porterait le total payé à {0}, au-delà du montant de la convention ({1}). Rien n'a été enregistré.",
                PortalFormat.Dirhams(paid + amount), PortalFormat.Dirhams(convention.TotalCentimes)]);
        }

        var (warnings, refused) = await BalanceRuleAsync(tranche, cancellationToken);
        if (refused.Count > 0)
        {
            return MoneyOutcome.Refused([.. refused]);
        }

        tranche.Payments.Add(new TranchePayment { PaidOn = form.Date.Value, AmountCentimes = amount });
        Touch(tranche);
        return await SaveAsync(warnings, cancellationToken);
    }

    /// <summary>Corrects a recorded payment by a new entry of the opposite amount that names it; the payment itself stays as it was.</summary>
    public async Task<MoneyOutcome> ReverseAsync(int conventionId, ReverseForm form, CancellationToken cancellationToken)
    {
        var payment = await db.TranchePayments.AsNoTracking().Where(p => p.Id == form.PaymentId && p.Tranche!.ConventionId == conventionId)
            .Select(p => new { p.Id, p.TrancheId, p.AmountCentimes, p.ReversesPaymentId, p.PaidOn }).SingleOrDefaultAsync(cancellationToken);
        if (payment is null)
        {
            return MoneyOutcome.Missing();
        }

        var reason = AssociationService.Clean(form.Reason);
        if (form.Date is null || reason is null)
        {
            return MoneyOutcome.Refused(l["La date et le motif de la contrepassation sont obligatoires. Rien n'a été enregistré."]);
        }

        if (payment.ReversesPaymentId is not null)
        {
            return MoneyOutcome.Refused(l["Une écriture de contrepassation ne se contrepasse pas : enregistrez un nouveau paiement. Rien n'a été enregistré."]);
        }

        if (await db.TranchePayments.AnyAsync(p => p.ReversesPaymentId == payment.Id, cancellationToken))
        {
            return MoneyOutcome.Refused(l["Ce paiement a déjà été contrepassé. Rien n'a été enregistré."]);
        }

        if (form.Date < payment.PaidOn)
        {
            return MoneyOutcome.Refused(l["La contrepassation ne peut pas précéder le paiement qu'elle corrige ({0}). Rien n'a été enregistré.", PortalFormat.Date(payment.PaidOn)]);
        }

        var tranche = await db.PaymentTranches.SingleAsync(t => t.Id == payment.TrancheId, cancellationToken);
        db.TranchePayments.Add(new TranchePayment
        {
            TrancheId = payment.TrancheId, PaidOn = form.Date.Value, AmountCentimes = -payment.AmountCentimes, ReversesPaymentId = payment.Id, Reason = reason,
        });
        Touch(tranche);
        try
        {
            return await SaveAsync([], cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on ReversesPaymentId: another agent reversed it at the same instant.
            db.ChangeTracker.Clear();
            return MoneyOutcome.Refused(l["Ce paiement a déjà été contrepassé. Rien n'a été enregistré."]);
        }
    }

    /// <summary>Names the agent who follows the convention (the /Echeances filter), or nobody; only an agent or an administrator.</summary>
    public async Task<MoneyOutcome> SetAgentAsync(int conventionId, string? agentId, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.SingleOrDefaultAsync(c => c.Id == conventionId, cancellationToken);
        if (convention is null)
        {
            return MoneyOutcome.Missing();
        }

        // "Nobody" is posted as an empty field, which model binding reads as null.
        if (agentId is not null && !await db.UserRoles.AnyAsync(ur => ur.UserId == agentId
                && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Agent || r.Name == Roles.Administrator)), cancellationToken))
        {
            return MoneyOutcome.Refused(l["Choisissez un agent ou un administrateur. Rien n'a été enregistré."]);
        }

        convention.FollowUpAgentId = agentId;
        await db.SaveChangesAsync(cancellationToken);
        return MoneyOutcome.Done([]);
    }

    private string NotSigned => l["La convention n'est pas signée : elle n'a pas encore d'échéancier."];

    private async Task<(PaymentTranche? Tranche, Convention? Convention, MoneyOutcome? Problem)> LoadAsync(int conventionId, int trancheId, CancellationToken cancellationToken)
    {
        var tranche = await db.PaymentTranches.Include(t => t.Payments).Include(t => t.Convention)
            .SingleOrDefaultAsync(t => t.Id == trancheId && t.ConventionId == conventionId, cancellationToken);
        if (tranche is null)
        {
            return (null, null, MoneyOutcome.Missing());
        }

        if (!Convention.SignedStatuses.Contains(tranche.Convention!.Status))
        {
            return (null, null, MoneyOutcome.Refused(NotSigned));
        }

        return (tranche, tranche.Convention, null);
    }

    /// <summary>
    /// Makes the tranche's row part of the save, so that two payments or reversals on one tranche at the same instant
    /// cannot both pass the checks: the second finds a new version token and changes nothing.
    /// </summary>
    private void Touch(PaymentTranche tranche) => db.Entry(tranche).Property(t => t.UpdatedAtUtc).IsModified = true;

    private async Task<MoneyOutcome> SaveAsync(IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return MoneyOutcome.Done(warnings);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return MoneyOutcome.Refused(Overtaken);
        }
    }

    private async Task<(List<string> Warnings, List<string> Refused)> BalanceRuleAsync(PaymentTranche tranche, CancellationToken cancellationToken)
    {
        if (!tranche.IsBalance || await db.ConventionReports.AnyAsync(
                r => r.ConventionId == tranche.ConventionId && r.Kind == ReportKind.Final && r.Status == ReportStatus.Approved, cancellationToken))
        {
            return ([], []);
        }

        return Rules.BalanceBeforeFinalReport == RuleEnforcement.Refuse
            ? ([], [l["Le solde ne se règle qu'après l'approbation du rapport final. Rien n'a été enregistré."]])
            : ([l["Attention : le solde est réglé avant l'approbation du rapport final."]], []);
    }

    private static List<TrancheFacts> Facts(IEnumerable<TrancheLine> tranches) =>
        [.. tranches.Select(t => new TrancheFacts(t.Number, t.PlannedCentimes))];

    private (List<string> Warnings, List<string> Refused) Findings(IEnumerable<RuleKind> rules, IReadOnlyList<TrancheFacts> facts, long total)
    {
        var warnings = new List<string>();
        var refused = new List<string>();
        foreach (var rule in rules)
        {
            var message = Describe(rule, facts, total);
            (PaymentSchedule.Enforcement(rule, Rules) == RuleEnforcement.Refuse ? refused : warnings).Add(message);
        }

        return (warnings, refused);
    }

    private string Describe(RuleKind rule, IReadOnlyList<TrancheLine> tranches, long total) => Describe(rule, Facts(tranches), total);

    /// <summary>What a schedule breaks (<see cref="PaymentSchedule.CheckSchedule"/>: its total, or the share paid on signature).</summary>
    private string Describe(RuleKind rule, IReadOnlyList<TrancheFacts> facts, long total) => rule == RuleKind.ScheduleTotal
        ? l["Le total de l'échéancier ({0}) n'est pas égal au montant de la convention ({1}).",
            PortalFormat.Dirhams(facts.Sum(f => f.PlannedCentimes)), PortalFormat.Dirhams(total)]
        : l["La première tranche ({0}) dépasse {1} % du montant de la convention.",
            PortalFormat.Dirhams(facts.OrderBy(f => f.Number).First().PlannedCentimes), Rules.MaxOnSignaturePercent];
}
