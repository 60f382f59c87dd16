namespace PartnershipPortal.Web.Features.Payments;

/// <summary>What a broken rule does: the change goes through with a warning to staff, or it is refused.</summary>
public enum RuleEnforcement
{
    Warning,
    Refuse,
}

/// <summary>
/// <c>Rules:Tranches</c>: how a schedule is proposed at signature and which of its rules warn or refuse.
/// Never ordering or paying more than the convention's total is not a setting: it is always refused.
/// </summary>
public sealed class TrancheRules
{
    public const string Section = "Rules:Tranches";

    /// <summary>The proposed tranches in percent of the total, the last one being the balance; 50/50 when not set.</summary>
    public int[]? Shares { get; set; }

    /// <summary>The most the first tranche (paid on signature) may be, in percent of the total.</summary>
    public int MaxOnSignaturePercent { get; set; } = 50;

    public RuleEnforcement OnSignatureShare { get; set; } = RuleEnforcement.Warning;

    /// <summary>Ordering or paying the balance before the final report is approved.</summary>
    public RuleEnforcement BalanceBeforeFinalReport { get; set; } = RuleEnforcement.Refuse;

    /// <summary>A schedule whose total differs from the convention's amount (after amendments).</summary>
    public RuleEnforcement ScheduleTotal { get; set; } = RuleEnforcement.Refuse;

    public IReadOnlyList<int> EffectiveShares => Shares is { Length: > 0 } shares ? shares : [50, 50];
}

/// <summary><c>Rules:Reports</c>: the reports a signed convention owes.</summary>
public sealed class ReportRules
{
    public const string Section = "Rules:Reports";

    /// <summary>An interim report due at the middle of the convention's period.</summary>
    public bool InterimAtMidTerm { get; set; } = true;

    /// <summary>The final report is due this many days after the end of the convention's period.</summary>
    public int FinalDaysAfterEnd { get; set; } = 60;
}

/// <summary><c>Rules:Reminders</c>: when reminder mails go out, in days before and after a report's due date.</summary>
public sealed class ReminderRules
{
    public const string Section = "Rules:Reminders";

    public int[]? DaysBefore { get; set; }

    public int[]? DaysAfter { get; set; }

    /// <summary>
    /// After the last stage of <see cref="DaysAfter"/>, a report still missing is reminded again every this many days
    /// until it is submitted (each repetition numbered, once); 0 stops at the last stage.
    /// </summary>
    public int RepeatEveryDays { get; set; } = 14;

    /// <summary>How often each instance looks for reminders to send.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>False in the tests, which run a pass themselves after moving the clock.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>
    /// A pass reads at most this many reports, those whose next reminder is the oldest first; when there were more, the
    /// next pass follows at once. The first pass on a large existing database (every late report at once) is then many
    /// short passes that a stop interrupts without losing anything, not one that holds them all in memory.
    /// </summary>
    public int BatchSize { get; set; } = 2_000;

    public int EffectiveBatchSize => Math.Max(1, BatchSize);

    public IReadOnlyList<int> EffectiveDaysBefore => DaysBefore ?? [14, 3];

    public IReadOnlyList<int> EffectiveDaysAfter => DaysAfter ?? [1, 15];
}
