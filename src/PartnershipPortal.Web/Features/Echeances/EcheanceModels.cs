using Microsoft.AspNetCore.Mvc.Rendering;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Echeances;

/// <summary>What falls due: stored as numbers in the one SQL query that unites the four kinds.</summary>
public enum EcheanceKind
{
    Report = 1,
    TrancheToOrder = 2,
    ConventionEnding = 3,
    DocumentExpiring = 4,
}

public sealed class EcheanceListQuery : ListQuery
{
    public int? CallId { get; set; }

    public Region? Region { get; set; }

    /// <summary>The account id of the agent who follows the conventions.</summary>
    public string? AgentId { get; set; }

    public EcheanceKind? Kind { get; set; }
}

/// <summary>One line of the follow-up; the same shape for the four kinds, so that SQL unites, sorts and pages them together.</summary>
public sealed class EcheanceRow
{
    public int Kind { get; init; }

    public DateOnly Date { get; init; }

    public int? ConventionId { get; init; }

    public string? Reference { get; init; }

    public int AssociationId { get; init; }

    public string Association { get; init; } = "";

    /// <summary>The report, tranche, convention or document.</summary>
    public int ItemId { get; init; }

    public long? AmountCentimes { get; init; }

    /// <summary>The report's kind (1 final, 0 interim), the tranche's number, or the document's kind id.</summary>
    public int Detail { get; init; }
}

/// <summary>What sorts and pages a line of the follow-up, before its names are read.</summary>
public sealed class EcheanceKey
{
    public int Kind { get; init; }

    public DateOnly Date { get; init; }

    public int ItemId { get; init; }
}

public sealed class EcheanceListModel
{
    public required EcheanceListQuery Query { get; init; }

    public required ListPage<EcheanceRow> Results { get; init; }

    public required DateOnly Today { get; init; }

    public required IReadOnlyDictionary<int, string> DocumentKinds { get; init; }

    public required List<SelectListItem> Calls { get; init; }

    public required List<SelectListItem> Regions { get; init; }

    public required List<SelectListItem> Agents { get; init; }
}
