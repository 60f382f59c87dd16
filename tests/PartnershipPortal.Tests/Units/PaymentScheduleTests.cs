using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Payments;

namespace PartnershipPortal.Tests.Units;

/// <summary>
/// The schedule and obligations proposed at signature, and the checks of a schedule, without the database. Every
/// expected date and amount is worked out by hand in the comments beside it.
/// </summary>
public sealed class PaymentScheduleTests
{
    private static readonly DateOnly Signed = new(2030, 3, 1);

    [Fact]
    public void The_period_runs_from_the_first_start_to_the_last_end_of_the_projects_not_cancelled()
    {
        Project[] projects =
        [
            Project(new DateOnly(2030, 4, 1), new DateOnly(2030, 12, 31)),
            Project(new DateOnly(2030, 2, 15), new DateOnly(2031, 1, 31)),
            Project(new DateOnly(2029, 1, 1), new DateOnly(2035, 1, 1), ProjectStatus.Cancelled),
        ];

        Assert.Equal((new DateOnly(2030, 2, 15), new DateOnly(2031, 1, 31)), PaymentSchedule.Period(Signed, projects));
    }

    [Fact]
    public void Without_dates_the_period_is_the_signing_date_and_a_year()
    {
        // 1 March 2030 plus a year, less a day: 28 February 2031.
        Assert.Equal((Signed, new DateOnly(2031, 2, 28)), PaymentSchedule.Period(Signed, [Project(null, null)]));
        Assert.Equal((Signed, new DateOnly(2031, 2, 28)), PaymentSchedule.Period(Signed, []));
    }

    [Fact]
    public void A_period_with_starts_only_ends_a_year_after_the_first_start_and_with_ends_only_starts_on_signature()
    {
        Assert.Equal((new DateOnly(2030, 5, 10), new DateOnly(2031, 5, 9)), PaymentSchedule.Period(Signed, [Project(new DateOnly(2030, 5, 10), null)]));
        Assert.Equal((Signed, new DateOnly(2030, 9, 30)), PaymentSchedule.Period(Signed, [Project(null, new DateOnly(2030, 9, 30))]));
    }

    [Fact]
    public void An_end_before_the_start_gives_a_period_of_one_day()
    {
        var start = new DateOnly(2030, 5, 1);
        Assert.Equal((start, start), PaymentSchedule.Period(Signed, [Project(start, new DateOnly(2030, 4, 1))]));
    }

    [Fact]
    public void The_interim_report_is_due_at_mid_term_and_the_final_one_the_configured_days_after_the_end()
    {
        var reports = PaymentSchedule.ProposeReports(42, new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31), new ReportRules());

        // 364 days between the two dates, half is 182: 2 July. 31 December plus 60 days: 1 March 2031.
        Assert.Equal(
            [(42, ReportKind.Interim, new DateOnly(2030, 7, 2)), (42, ReportKind.Final, new DateOnly(2031, 3, 1))],
            reports.Select(r => (r.ConventionId, r.Kind, r.DueDate)));
    }

    [Fact]
    public void Without_an_interim_report_only_the_final_one_is_owed()
    {
        var reports = PaymentSchedule.ProposeReports(7, new DateOnly(2030, 1, 1), new DateOnly(2030, 6, 30),
            new ReportRules { InterimAtMidTerm = false, FinalDaysAfterEnd = 10 });

        Assert.Equal([(7, ReportKind.Final, new DateOnly(2030, 7, 10))], reports.Select(r => (r.ConventionId, r.Kind, r.DueDate)));
    }

    [Fact]
    public void Tranches_are_whole_dirhams_and_the_balance_takes_the_centimes_left()
    {
        // 100,000.50 MAD in 30/30/40: 30 % is 30,000.015 MAD, ordered as 30,000 MAD; the balance is 40,000.50 MAD.
        var tranches = PaymentSchedule.ProposeTranches(9, 10_000_050, new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31),
            new TrancheRules { Shares = [30, 30, 40] });

        Assert.Equal(
        [
            (9, 1, new DateOnly(2030, 1, 1), 3_000_000L, false, (DateOnly?)new DateOnly(2030, 1, 1)),
            // 364 days between signature and the final report, the second of three tranches falls half-way: 2 July.
            (9, 2, new DateOnly(2030, 7, 2), 3_000_000L, false, new DateOnly(2030, 7, 2)),
            // The balance is released by the final report's approval, not by a date.
            (9, 3, new DateOnly(2030, 12, 31), 4_000_050L, true, null),
        ], tranches.Select(t => (t.ConventionId, t.Number, t.PlannedDate, t.PlannedAmountCentimes, t.IsBalance, t.ReleasedOn)));
    }

    [Fact]
    public void Shares_are_read_against_their_sum_not_against_a_hundred()
    {
        // Three equal shares of 100,000 MAD: 33,333.33 MAD each, ordered as 33,333 MAD; the balance 33,334 MAD.
        var tranches = PaymentSchedule.ProposeTranches(1, 10_000_000, Signed, new DateOnly(2031, 3, 1), new TrancheRules { Shares = [1, 1, 1] });

        Assert.Equal([3_333_300L, 3_333_300L, 3_333_400L], tranches.Select(t => t.PlannedAmountCentimes));
    }

    [Fact]
    public void Middle_tranches_are_spread_evenly_between_signature_and_the_final_report()
    {
        // 90 days from 1 January to 1 April 2030, four tranches: days 0, 30, 60 and 90.
        var tranches = PaymentSchedule.ProposeTranches(1, 400_000, new DateOnly(2030, 1, 1), new DateOnly(2030, 4, 1),
            new TrancheRules { Shares = [25, 25, 25, 25] });

        Assert.Equal([new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 31), new DateOnly(2030, 3, 2), new DateOnly(2030, 4, 1)],
            tranches.Select(t => t.PlannedDate));
        Assert.Equal([false, false, false, true], tranches.Select(t => t.IsBalance));
    }

    [Fact]
    public void Without_configured_shares_the_schedule_is_half_on_signature_and_half_as_balance()
    {
        var tranches = PaymentSchedule.ProposeTranches(1, 1_000_000, Signed, new DateOnly(2031, 3, 1), new TrancheRules());

        Assert.Equal([(500_000L, Signed, false), (500_000L, new DateOnly(2031, 3, 1), true)],
            tranches.Select(t => (t.PlannedAmountCentimes, t.PlannedDate, t.IsBalance)));
    }

    [Fact]
    public void A_single_share_is_paid_whole_on_signature_and_is_not_a_balance()
    {
        var tranches = PaymentSchedule.ProposeTranches(1, 1_234_567, Signed, new DateOnly(2031, 3, 1), new TrancheRules { Shares = [100] });

        Assert.Equal([(1, 1_234_567L, Signed, false, (DateOnly?)Signed)],
            tranches.Select(t => (t.Number, t.PlannedAmountCentimes, t.PlannedDate, t.IsBalance, t.ReleasedOn)));
    }

    [Fact]
    public void A_balance_is_released_by_the_final_report_s_approval_and_another_tranche_by_its_date()
    {
        var planned = new DateOnly(2030, 6, 1);
        var approved = new DateOnly(2030, 9, 15);

        Assert.Equal(planned, PaymentSchedule.ReleasedOn(false, planned, approved));
        Assert.Equal(approved, PaymentSchedule.ReleasedOn(true, planned, approved));
        Assert.Null(PaymentSchedule.ReleasedOn(true, planned, null));
    }

    [Fact]
    public void A_schedule_whose_total_differs_from_the_convention_breaks_the_total_rule()
    {
        var rules = new TrancheRules();

        Assert.Equal([RuleKind.ScheduleTotal], PaymentSchedule.CheckSchedule([Facts(1, 400_000), Facts(2, 500_000)], 1_000_000, rules));
        Assert.Empty(PaymentSchedule.CheckSchedule([Facts(1, 500_000), Facts(2, 500_000)], 1_000_000, rules));
    }

    [Fact]
    public void A_first_tranche_above_the_share_allowed_on_signature_breaks_that_rule_and_exactly_the_share_does_not()
    {
        var rules = new TrancheRules { MaxOnSignaturePercent = 40 };

        Assert.Equal([RuleKind.OnSignatureShare], PaymentSchedule.CheckSchedule([Facts(1, 400_100), Facts(2, 599_900)], 1_000_000, rules));
        Assert.Empty(PaymentSchedule.CheckSchedule([Facts(1, 400_000), Facts(2, 600_000)], 1_000_000, rules));
    }

    [Fact]
    public void The_first_tranche_is_the_one_numbered_first_not_the_one_listed_first()
    {
        var rules = new TrancheRules { MaxOnSignaturePercent = 40 };

        Assert.Empty(PaymentSchedule.CheckSchedule([Facts(2, 700_000), Facts(1, 300_000)], 1_000_000, rules));
        Assert.Equal([RuleKind.OnSignatureShare], PaymentSchedule.CheckSchedule([Facts(2, 300_000), Facts(1, 700_000)], 1_000_000, rules));
    }

    [Fact]
    public void A_schedule_with_every_line_taken_off_breaks_the_total_rule_only()
    {
        Assert.Equal([RuleKind.ScheduleTotal], PaymentSchedule.CheckSchedule([], 1_000_000, new TrancheRules()));
    }

    [Fact]
    public void A_schedule_of_one_tranche_is_paid_whole_on_signature_without_breaking_the_share_rule()
    {
        Assert.Empty(PaymentSchedule.CheckSchedule([Facts(1, 1_000_000)], 1_000_000, new TrancheRules { MaxOnSignaturePercent = 40 }));
    }

    [Fact]
    public void Each_rule_is_enforced_as_its_own_setting_says()
    {
        var rules = new TrancheRules
        {
            ScheduleTotal = RuleEnforcement.Warning, OnSignatureShare = RuleEnforcement.Refuse, BalanceBeforeFinalReport = RuleEnforcement.Warning,
        };

        Assert.Equal(RuleEnforcement.Warning, PaymentSchedule.Enforcement(RuleKind.ScheduleTotal, rules));
        Assert.Equal(RuleEnforcement.Refuse, PaymentSchedule.Enforcement(RuleKind.OnSignatureShare, rules));
        Assert.Equal(RuleEnforcement.Warning, PaymentSchedule.Enforcement(RuleKind.BalanceBeforeFinalReport, rules));
        Assert.Equal(RuleEnforcement.Refuse, PaymentSchedule.Enforcement(RuleKind.BalanceBeforeFinalReport, new TrancheRules()));
    }

    private static TrancheFacts Facts(int number, long plannedCentimes) => new(number, plannedCentimes);

    private static Project Project(DateOnly? start, DateOnly? end, ProjectStatus status = ProjectStatus.Planned) => new()
    {
        Title = "Projet", City = "Oujda", StartDate = start, EndDate = end, Status = status,
    };
}
