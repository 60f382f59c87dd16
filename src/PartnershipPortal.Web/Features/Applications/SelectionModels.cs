using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;

namespace PartnershipPortal.Web.Features.Applications;

public sealed record StaffApplicationRow(
    int Id, string? Number, string Association, string CallReference, string ProjectTitle, ApplicationStatus Status,
    long RequestedAmountCentimes, DateTime? SubmittedAtUtc);

/// <summary>The staff list's query string: the shared search, sort and page, and the call and status filters.</summary>
public sealed class ApplicationListQuery : Shared.Lists.ListQuery
{
    public int? Call { get; set; }

    public ApplicationStatus? Status { get; set; }
}

public sealed class StaffApplicationList
{
    public required ApplicationListQuery Query { get; init; }

    public required Shared.Lists.ListPage<StaffApplicationRow> Results { get; init; }

    public required List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Calls { get; init; }
}

/// <summary>One reviewer's completed review as staff read it.</summary>
public sealed record ReviewView(string Reviewer, ReviewConflict Conflict, decimal? WeightedTotal, IReadOnlyList<(string Criterion, int Score, int Maximum, string? Comment)> Scores);

public sealed class StaffApplicationPage
{
    public required int Id { get; init; }

    public required Guid Version { get; init; }

    public string? Number { get; init; }

    public required string Association { get; init; }

    public required int AssociationId { get; init; }

    public required int CallId { get; init; }

    public required string CallReference { get; init; }

    public required string CallTitle { get; init; }

    public ApplicationStatus Status { get; init; }

    public DateTime? SubmittedAtUtc { get; init; }

    public long? GrantedAmountCentimes { get; init; }

    public string? DecisionReason { get; init; }

    public int? ConventionId { get; init; }

    public required ApplicationSheet Sheet { get; init; }

    public required IReadOnlyList<MessageView> Messages { get; init; }

    public required IReadOnlyList<ReviewView> Reviews { get; init; }

    public CompletenessForm Completeness { get; set; } = new();

    public DecisionForm Decision { get; set; } = new();
}

public enum CompletenessVerdict
{
    Admissible,
    Incomplete,
}

public sealed class CompletenessForm : IVersionedForm
{
    public Guid Version { get; set; }

    public CompletenessVerdict Verdict { get; set; }

    [Display(Name = "Message à l'association")]
    [StringLength(4000, ErrorMessage = "Le message ne dépasse pas {1} caractères.")]
    public string? Message { get; set; }
}

public enum DecisionKind
{
    Accepted,
    Rejected,
    WaitingList,
}

public sealed class DecisionForm : IVersionedForm
{
    public Guid Version { get; set; }

    public DecisionKind Kind { get; set; }

    [Display(Name = "Montant accordé (DH)")]
    public string? GrantedAmount { get; set; }

    [Display(Name = "Motif")]
    [StringLength(2000, ErrorMessage = "Le motif ne dépasse pas {1} caractères.")]
    public string? Reason { get; set; }
}

/// <summary>One line of the ranking: what the reviews give, and where the envelope stands once it is funded.</summary>
/// <summary>An application's counted reviews, reduced by the database: their number and the sum, lowest and highest of their weighted totals.</summary>
public sealed record ReviewTotals(int ApplicationId, int Reviews, long Sum, long Min, long Max);

public sealed record RankingRow(
    int Rank, int Id, string? Number, string Association, string ProjectTitle, ApplicationStatus Status, long RequestedAmountCentimes,
    decimal? WeightedAverage, int Reviews, decimal? Spread, long RunningTotalCentimes, bool BeyondEnvelope);

public sealed record RankingPage(
    int CallId, string Reference, string Title, long? BudgetEnvelopeCentimes, int MaximumTotal, IReadOnlyList<CriterionView> Criteria,
    IReadOnlyList<RankingRow> Rows);

public sealed class GridForm
{
    public const int BlankRows = 3;

    public List<GridRow> Rows { get; set; } = [];
}

public sealed class GridRow
{
    [StringLength(250, ErrorMessage = "Le critère ne dépasse pas {1} caractères.")]
    public string? Label { get; set; }

    [Range(1, 100, ErrorMessage = "Le coefficient est compris entre {1} et {2}.")]
    public int? Weight { get; set; }

    [Range(1, 100, ErrorMessage = "La note maximale est comprise entre {1} et {2}.")]
    public int? Maximum { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Label) && Weight is null && Maximum is null;
}

public sealed record ReviewerOption(string UserId, string Name, string Email, bool Assigned);

public sealed class SetupPage
{
    public required int CallId { get; init; }

    public required string Reference { get; init; }

    public required string Title { get; init; }

    public required GridForm Grid { get; init; }

    public bool GridLocked { get; init; }

    public required IReadOnlyList<ReviewerOption> Reviewers { get; init; }
}
