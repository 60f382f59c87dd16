using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>A tranche as the schedule's rules see it: its number (the first is paid on signature) and its planned amount.</summary>
public sealed record TrancheFacts(int Number, long PlannedCentimes);

/// <summary>A rule a schedule or an action breaks: a warning, or a refusal when the rule says so.</summary>
public sealed record RuleFinding(string Message, bool Refuses);

/// <summary>
/// The payment and reporting rules in one place, without the database: the schedule and the obligations proposed at
/// signature, and the checks of a schedule, an order and a payment.
/// </summary>
public static class PaymentSchedule
{
    /// <summary>The convention's period: its projects' first start and last end (the signing date and a year when they have none).</summary>
    public static (DateOnly Start, DateOnly End) Period(DateOnly signed, IEnumerable<Project> projects)
    {
        var counted = projects.Where(p => p.Status != ProjectStatus.Cancelled).ToList();
        var start = counted.Where(p => p.StartDate is not null).Select(p => p.StartDate!.Value).DefaultIfEmpty(signed).Min();
        var end = counted.Where(p => p.EndDate is not null).Select(p => p.EndDate!.Value).DefaultIfEmpty(start.AddYears(1).AddDays(-1)).Max();
        return (start, end < start ? start : end);
    }

    public static List<ConventionReport> ProposeReports(int conventionId, DateOnly start, DateOnly end, ReportRules rules)
    {
        var reports = new List<ConventionReport>();
        if (rules.InterimAtMidTerm)
        {
            var half = (end.DayNumber - start.DayNumber) / 2;
            reports.Add(new ConventionReport { ConventionId = conventionId, Kind = ReportKind.Interim, DueDate = start.AddDays(half) });
        }

        reports.Add(new ConventionReport { ConventionId = conventionId, Kind = ReportKind.Final, DueDate = end.AddDays(rules.FinalDaysAfterEnd) });
        return reports;
    }

    /// <summary>
    /// The tranches of <see cref="TrancheRules.Shares"/>: the first on the signing date, the last (the balance) on the
    /// final report's due date, the others spread between; the last takes what rounding left, so they sum to the total.
    /// </summary>
    public static List<PaymentTranche> ProposeTranches(int conventionId, long totalCentimes, DateOnly signed, DateOnly finalReportDue, TrancheRules rules)
    {
        var shares = rules.EffectiveShares;
        var weight = shares.Sum();
        var tranches = new List<PaymentTranche>();
        long given = 0;
        for (var i = 0; i < shares.Count; i++)
        {
            var last = i == shares.Count - 1;
            // Whole dirhams, as the ministry orders them; the balance takes the remaining centimes.
            var amount = last ? totalCentimes - given : totalCentimes * shares[i] / weight / 100 * 100;
            given += amount;
            // Spread evenly: the first on the signing date, the last on the final report's due date.
            var date = shares.Count == 1 ? signed
                : signed.AddDays((int)((long)(finalReportDue.DayNumber - signed.DayNumber) * i / (shares.Count - 1)));
            tranches.Add(new PaymentTranche
            {
                ConventionId = conventionId, Number = i + 1, PlannedDate = date, PlannedAmountCentimes = amount, IsBalance = last && shares.Count > 1,
                ReleasedOn = ReleasedOn(last && shares.Count > 1, date, null),
            });
        }

        return tranches;
    }

    /// <summary>
    /// From when a tranche may be ordered (<see cref="PaymentTranche.ReleasedOn"/>): a tranche other than the balance from
    /// its planned date, the balance from the final report's approval, never before it.
    /// </summary>
    public static DateOnly? ReleasedOn(bool isBalance, DateOnly plannedDate, DateOnly? finalReportApprovedOn) =>
        isBalance ? finalReportApprovedOn : plannedDate;

    /// <summary>The configurable rules a schedule breaks (its total, the share paid on signature).</summary>
    public static IEnumerable<RuleKind> CheckSchedule(IReadOnlyList<TrancheFacts> tranches, long totalCentimes, TrancheRules rules)
    {
        if (tranches.Sum(t => t.PlannedCentimes) != totalCentimes)
        {
            yield return RuleKind.ScheduleTotal;
        }

        if (tranches.OrderBy(t => t.Number).FirstOrDefault() is { } first && tranches.Count > 1
            && first.PlannedCentimes * 100 > totalCentimes * rules.MaxOnSignaturePercent)
        {
            yield return RuleKind.OnSignatureShare;
        }
    }

    public static RuleEnforcement Enforcement(RuleKind rule, TrancheRules rules) => rule switch
    {
        RuleKind.ScheduleTotal => rules.ScheduleTotal,
        RuleKind.OnSignatureShare => rules.OnSignatureShare,
        _ => rules.BalanceBeforeFinalReport,
    };
}

public enum RuleKind
{
    ScheduleTotal,
    OnSignatureShare,
    BalanceBeforeFinalReport,
}
