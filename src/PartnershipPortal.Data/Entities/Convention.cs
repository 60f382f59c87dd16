namespace PartnershipPortal.Data.Entities;

public class Convention : AuditableEntity
{
    /// <summary>CONV-{year}-{sequence:000}, assigned by the portal.</summary>
    public required string Reference { get; set; }

    public int BudgetYear { get; set; }

    /// <summary>Position in its budget year; unique with <see cref="BudgetYear"/>, which makes concurrent numbering safe.</summary>
    public int Sequence { get; set; }

    public int AssociationId { get; set; }

    public Association? Association { get; set; }

    /// <summary>Optional: the 2017 humanitarian conventions were signed without a call for projects.</summary>
    public int? CallForProjectsId { get; set; }

    public CallForProjects? CallForProjects { get; set; }

    public DateOnly? SigningDate { get; set; }

    public ConventionStatus Status { get; set; } = ConventionStatus.Draft;

    /// <summary>The exact sum of its projects' amounts, in centimes; kept in step by <see cref="RecomputeTotal"/>.</summary>
    public long TotalCentimes { get; set; }

    /// <summary>Staff only: never shown on a page, file or export an association can open.</summary>
    public string? InternalNotes { get; set; }

    /// <summary>Shown to the association in its space once the convention is signed.</summary>
    public string? MessageToAssociation { get; set; }

    /// <summary>Set when the convention is terminated (résiliée), with <see cref="TerminationReason"/>.</summary>
    public DateOnly? TerminationDate { get; set; }

    public string? TerminationReason { get; set; }

    /// <summary>The account id of the agent who follows the convention's payments and reports (the /Echeances filter); optional.</summary>
    public string? FollowUpAgentId { get; set; }

    public ICollection<Project> Projects { get; set; } = [];

    public ICollection<PaymentTranche> Tranches { get; set; } = [];

    public ICollection<ConventionReport> Reports { get; set; } = [];

    public ICollection<ConventionAmendment> Amendments { get; set; } = [];

    public static string FormatReference(int year, int sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CONV-{year}-{sequence:000}");

    public void RecomputeTotal() => TotalCentimes = Projects.Sum(p => p.AmountCentimes);

    /// <summary>Statuses whose conventions and projects count in the bilan (a terminated convention counts what it committed).</summary>
    public static readonly IReadOnlyList<ConventionStatus> CountedStatuses =
        [ConventionStatus.Signed, ConventionStatus.InProgress, ConventionStatus.Completed, ConventionStatus.Terminated];

    /// <summary>
    /// Statuses of a convention the ministry has signed: the only ones its association sees. Draft and Cancelled
    /// (which only a draft can reach) are work in progress of the ministry.
    /// </summary>
    public static readonly IReadOnlyList<ConventionStatus> SignedStatuses =
        [ConventionStatus.Signed, ConventionStatus.InProgress, ConventionStatus.Completed, ConventionStatus.Terminated];
}
