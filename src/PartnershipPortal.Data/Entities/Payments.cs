namespace PartnershipPortal.Data.Entities;

/// <summary>
/// One tranche of a signed convention's payment schedule: planned (date and amount), then ordered (the payment
/// order's number and date), then paid through <see cref="TranchePayment"/> entries, which are never edited.
/// </summary>
public class PaymentTranche : AuditableEntity
{
    public int ConventionId { get; set; }

    public Convention? Convention { get; set; }

    /// <summary>1 for the first tranche; unique with <see cref="ConventionId"/>.</summary>
    public int Number { get; set; }

    public DateOnly PlannedDate { get; set; }

    public long PlannedAmountCentimes { get; set; }

    /// <summary>The balance (solde): released only once the final report is approved (Rules:Tranches).</summary>
    public bool IsBalance { get; set; }

    /// <summary>The payment order's number (ordre de paiement), set when the tranche is ordered.</summary>
    public string? OrderNumber { get; set; }

    public DateOnly? OrderedOn { get; set; }

    /// <summary>
    /// From when the tranche may be ordered: its planned date for a tranche that is not the balance, the day the final
    /// report was approved for the balance (none before). Kept on the tranche so that the follow-up's "tranches to order"
    /// is one index (<c>IX_PaymentTranches_ToOrder</c>), not a report looked up for every unpaid balance of the programme.
    /// </summary>
    public DateOnly? ReleasedOn { get; set; }

    public ICollection<TranchePayment> Payments { get; set; } = [];
}

/// <summary>
/// A payment recorded against a tranche. A recorded payment is never changed: a correction is a new entry with the
/// opposite amount that names the entry it reverses, so the ledger keeps both and sums to what was really paid.
/// </summary>
public class TranchePayment : AuditableEntity
{
    public int TrancheId { get; set; }

    public PaymentTranche? Tranche { get; set; }

    public DateOnly PaidOn { get; set; }

    /// <summary>Positive for a payment, negative for a reversing entry.</summary>
    public long AmountCentimes { get; set; }

    /// <summary>The payment this entry reverses (unique: a payment is reversed once at most).</summary>
    public int? ReversesPaymentId { get; set; }

    public TranchePayment? Reverses { get; set; }

    /// <summary>Why a reversing entry was made.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// A report the association owes on a signed convention (interim or final) with its due date, and what the
/// association wrote in it: narrative, beneficiaries reached, money spent per budget line, attachments (in the file
/// store, attached to this report), and the exchange with staff in <see cref="Messages"/>.
/// </summary>
public class ConventionReport : AuditableEntity
{
    public int ConventionId { get; set; }

    public Convention? Convention { get; set; }

    public ReportKind Kind { get; set; }

    public DateOnly DueDate { get; set; }

    public ReportStatus Status { get; set; } = ReportStatus.Due;

    /// <summary>
    /// The first day the reminder pass needs to look at this report again (its next stage or repetition); none until a
    /// pass has seen it. Kept so that a pass reads the reports whose reminder falls due, not every late report of the
    /// programme (a quarter of a million on a generated national database, 78 s a pass).
    /// </summary>
    public DateOnly? NextReminderOn { get; set; }

    /// <summary>The activities carried out.</summary>
    public string? Narrative { get; set; }

    public int? ReachedChildren { get; set; }

    public int? ReachedWomen { get; set; }

    public int? ReachedMen { get; set; }

    public int? ReachedMigrants { get; set; }

    public int? ReachedRefugees { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public DateTime? ApprovedAtUtc { get; set; }

    public string? ApprovedBy { get; set; }

    public ICollection<ReportBudgetLine> BudgetLines { get; set; } = [];

    public ICollection<ReportMessage> Messages { get; set; } = [];

    /// <summary>Statuses in which the association may still change its report.</summary>
    public static readonly IReadOnlyList<ReportStatus> EditableStatuses = [ReportStatus.Due, ReportStatus.Returned];
}

/// <summary>One line of a report's financial statement: what was planned on a budget line and what was spent.</summary>
public class ReportBudgetLine : AuditableEntity
{
    public int ReportId { get; set; }

    public ConventionReport? Report { get; set; }

    public required string Category { get; set; }

    public long PlannedCentimes { get; set; }

    public long SpentCentimes { get; set; }

    public int DisplayOrder { get; set; }
}

/// <summary>The exchange about a report, kept: submissions, returns with staff's comment, the approval.</summary>
public class ReportMessage : AuditableEntity
{
    public int ReportId { get; set; }

    public ConventionReport? Report { get; set; }

    public ReportMessageKind Kind { get; set; }

    public bool FromStaff { get; set; }

    public string? Text { get; set; }

    public DateTime AtUtc { get; set; }
}
