using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Calls;

public sealed class CallListQuery : ListQuery
{
    public int? Year { get; set; }

    public CallForProjectsStatus? Status { get; set; }

    public int? DomainId { get; set; }
}

public sealed record CallRow(
    int Id, string Reference, string Title, int Year, DateOnly? Deadline, CallForProjectsStatus Status,
    long? BudgetEnvelopeCentimes, int Conventions, long TotalCentimes);

public sealed class CallListModel
{
    public required CallListQuery Query { get; init; }

    public required ListPage<CallRow> Results { get; init; }

    public required List<int> Years { get; init; }

    public required List<SelectListItem> Statuses { get; init; }

    public required List<SelectListItem> Domains { get; init; }
}

public sealed class CallForm : IValidatableObject, IVersionedForm
{
    public Guid Version { get; set; }

    [Display(Name = "Référence")]
    [Required(ErrorMessage = "La référence est obligatoire.")]
    [StringLength(30, ErrorMessage = "La référence ne dépasse pas {1} caractères.")]
    public string? Reference { get; set; }

    [Display(Name = "Intitulé")]
    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(250, ErrorMessage = "L'intitulé ne dépasse pas {1} caractères.")]
    public string? Title { get; set; }

    [Display(Name = "Année")]
    [Required(ErrorMessage = "L'année est obligatoire.")]
    [Range(BudgetYears.First, BudgetYears.Last, ErrorMessage = "L'année est comprise entre {1} et {2}.")]
    public int? Year { get; set; }

    [Display(Name = "Date de publication")]
    public DateOnly? PublicationDate { get; set; }

    [Display(Name = "Date limite de dépôt")]
    public DateOnly? Deadline { get; set; }

    [Display(Name = "Enveloppe budgétaire (DH)")]
    public string? BudgetEnvelope { get; set; }

    [Display(Name = "Plafond par projet (DH)")]
    public string? MaxPerProject { get; set; }

    [Display(Name = "Statut")]
    public CallForProjectsStatus Status { get; set; } = CallForProjectsStatus.Draft;

    [Display(Name = "Description")]
    [StringLength(4000, ErrorMessage = "La description ne dépasse pas {1} caractères.")]
    public string? Description { get; set; }

    [Display(Name = "Domaines d'intervention")]
    public List<int> DomainIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AmountRules.Validate(BudgetEnvelope, nameof(BudgetEnvelope), validationContext, required: false)
            .Concat(AmountRules.Validate(MaxPerProject, nameof(MaxPerProject), validationContext, required: false))
            .Concat(AmountRules.Period(PublicationDate, Deadline, nameof(Deadline), validationContext));
}

public sealed class CallFormPage
{
    public int? Id { get; init; }

    public required CallForm Form { get; init; }

    public required List<SelectListItem> Statuses { get; init; }

    public required List<SelectListItem> Domains { get; init; }
}

public sealed record CallConvention(int Id, string Reference, int AssociationId, string Association, DateOnly? SigningDate, ConventionStatus Status, int Projects, long TotalCentimes);

public sealed class CallDetails
{
    public required int Id { get; init; }

    public required string Reference { get; init; }

    public required string Title { get; init; }

    public int Year { get; init; }

    public DateOnly? PublicationDate { get; init; }

    public DateOnly? Deadline { get; init; }

    public long? BudgetEnvelopeCentimes { get; init; }

    public long? MaxPerProjectCentimes { get; init; }

    public CallForProjectsStatus Status { get; init; }

    public string? Description { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public string? UpdatedBy { get; init; }

    public List<string> Domains { get; set; } = [];

    public List<CallConvention> Conventions { get; set; } = [];
}
