namespace PartnershipPortal.Data.Entities;

/// <summary>An association's application (candidature) to a call for projects, from its draft to the committee's decision.</summary>
public class Application : AuditableEntity
{
    /// <summary>CAND-{year}-{sequence:0000}, given at the first submission (the year of the server's clock then).</summary>
    public string? AcknowledgementNumber { get; set; }

    public int CallForProjectsId { get; set; }

    public CallForProjects? CallForProjects { get; set; }

    public int AssociationId { get; set; }

    public Association? Association { get; set; }

    public ApplicationStatus Status { get; set; } = ApplicationStatus.Draft;

    public required string ProjectTitle { get; set; }

    public int? DomainId { get; set; }

    public InterventionDomain? Domain { get; set; }

    public Region? Region { get; set; }

    public string? City { get; set; }

    public string? Summary { get; set; }

    public string? Objectives { get; set; }

    public string? PlannedActivities { get; set; }

    public string? TargetGroup { get; set; }

    public int? PlannedChildren { get; set; }

    public int? PlannedWomen { get; set; }

    public int? PlannedMen { get; set; }

    public int? PlannedMigrants { get; set; }

    public int? PlannedRefugees { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    /// <summary>The ministry's support asked for, in centimes; within the call's per-project ceiling at submission.</summary>
    public long RequestedAmountCentimes { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    /// <summary>Set when accepted: what the ministry grants, in centimes (may be less than requested).</summary>
    public long? GrantedAmountCentimes { get; set; }

    /// <summary>The reason of a rejection (or a note on another decision), mailed to the association.</summary>
    public string? DecisionReason { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>The draft convention an acceptance created.</summary>
    public int? ConventionId { get; set; }

    public Convention? Convention { get; set; }

    public ICollection<ApplicationBudgetLine> BudgetLines { get; set; } = [];

    public ICollection<ApplicationMessage> Messages { get; set; } = [];

    public ICollection<Review> Reviews { get; set; } = [];

    /// <summary>Statuses in which the association may still change its application.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> EditableStatuses = [ApplicationStatus.Draft, ApplicationStatus.Incomplete];

    /// <summary>Statuses a decision can be taken from (a waiting-list application may still be accepted or rejected).</summary>
    public static readonly IReadOnlyList<ApplicationStatus> DecidableStatuses = [ApplicationStatus.Admissible, ApplicationStatus.WaitingList];

    public static string FormatNumber(int year, int sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CAND-{year}-{sequence:0000}");
}

/// <summary>One line of an application's budget: what it pays for, how much, and who funds it.</summary>
public class ApplicationBudgetLine : AuditableEntity
{
    public int ApplicationId { get; set; }

    public Application? Application { get; set; }

    public required string Category { get; set; }

    public long AmountCentimes { get; set; }

    public BudgetFunder Funder { get; set; }

    /// <summary>The other partner's name, for <see cref="BudgetFunder.OtherPartner"/> only.</summary>
    public string? PartnerName { get; set; }

    public int DisplayOrder { get; set; }
}

/// <summary>The exchange between staff and the association about an application's completeness, kept as a thread.</summary>
public class ApplicationMessage : AuditableEntity
{
    public int ApplicationId { get; set; }

    public Application? Application { get; set; }

    public ApplicationMessageKind Kind { get; set; }

    /// <summary>True when the ministry wrote it, false when the association did.</summary>
    public bool FromStaff { get; set; }

    public required string Text { get; set; }

    public DateTime AtUtc { get; set; }
}

/// <summary>One line of a call's scoring grid.</summary>
public class ScoringCriterion : AuditableEntity
{
    public int CallForProjectsId { get; set; }

    public CallForProjects? CallForProjects { get; set; }

    public required string Label { get; set; }

    public int Weight { get; set; }

    /// <summary>The highest score a reviewer may give (0 is the lowest).</summary>
    public int Maximum { get; set; }

    public int DisplayOrder { get; set; }
}

/// <summary>A reviewer an administrator assigned to a call: the only calls a reviewer sees.</summary>
public class ReviewerAssignment : AuditableEntity
{
    public int CallForProjectsId { get; set; }

    public CallForProjects? CallForProjects { get; set; }

    public required string UserId { get; set; }

    public ApplicationUser? User { get; set; }
}

/// <summary>One reviewer's review of one application: the conflict-of-interest declaration first, then the scores.</summary>
public class Review : AuditableEntity
{
    public int ApplicationId { get; set; }

    public Application? Application { get; set; }

    public required string ReviewerId { get; set; }

    public ApplicationUser? Reviewer { get; set; }

    public ReviewConflict Conflict { get; set; }

    public DateTime DeclaredAtUtc { get; set; }

    /// <summary>Set when every criterion of the grid has its score; only then the review counts in the ranking.</summary>
    public DateTime? CompletedAtUtc { get; set; }

    public ICollection<ReviewScore> Scores { get; set; } = [];
}

public class ReviewScore : AuditableEntity
{
    public int ReviewId { get; set; }

    public Review? Review { get; set; }

    public int ScoringCriterionId { get; set; }

    public ScoringCriterion? Criterion { get; set; }

    public int Score { get; set; }

    public string? Comment { get; set; }
}
