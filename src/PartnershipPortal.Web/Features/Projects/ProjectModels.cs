using Microsoft.AspNetCore.Mvc.Rendering;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Conventions;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Projects;

public sealed class ProjectListQuery : ListQuery
{
    public int? Year { get; set; }

    public int? DomainId { get; set; }

    public ProjectStatus? Status { get; set; }

    /// <summary>The project's own region (<see cref="Project.Region"/>).</summary>
    public Region? Region { get; set; }

    public string? City { get; set; }

    public int? AssociationId { get; set; }

    public int? CallId { get; set; }
}

public sealed record ProjectRow(
    int Id, string Title, int ConventionId, string ConventionReference, int AssociationId, string Association,
    string Domain, string City, int BudgetYear, ProjectStatus Status, long AmountCentimes);

public sealed class ProjectListModel
{
    public required ProjectListQuery Query { get; init; }

    public required ListPage<ProjectRow> Results { get; init; }

    public required long FilteredTotalCentimes { get; init; }

    public required List<int> Years { get; init; }

    public required List<SelectListItem> Domains { get; init; }

    public required List<SelectListItem> Statuses { get; init; }

    public required List<SelectListItem> Regions { get; init; }

    /// <summary>The chosen association's name, shown in its combobox.</summary>
    public string? AssociationText { get; init; }

    public required List<SelectListItem> Calls { get; init; }
}

public sealed class ProjectForm : ProjectFields
{
    public Guid Version { get; set; }

    /// <summary>Staff's choice; empty means the region the city gives (the association's when the map does not know the city).</summary>
    [System.ComponentModel.DataAnnotations.Display(Name = "Région")]
    public Region? Region { get; set; }
}

public sealed class ProjectFormPage
{
    public required int Id { get; init; }

    public required int ConventionId { get; init; }

    public required string ConventionReference { get; init; }

    public required ProjectForm Form { get; init; }

    public required List<SelectListItem> Domains { get; init; }

    public required List<SelectListItem> Statuses { get; init; }

    public required List<SelectListItem> Regions { get; init; }

    /// <summary>The region the city typed gives: the form proposes it.</summary>
    public required Region DerivedRegion { get; init; }
}

public sealed class ProjectDetails
{
    public required int Id { get; init; }

    public required string Title { get; init; }

    public int ConventionId { get; init; }

    public required string ConventionReference { get; init; }

    public ConventionStatus ConventionStatus { get; init; }

    public int AssociationId { get; init; }

    public required string Association { get; init; }

    public required string Domain { get; init; }

    public required string City { get; init; }

    public Region Region { get; init; }

    public int BudgetYear { get; init; }

    public int? BeneficiariesCount { get; init; }

    public string? BeneficiariesDescription { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public ProjectStatus Status { get; init; }

    public long AmountCentimes { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public string? UpdatedBy { get; init; }
}
