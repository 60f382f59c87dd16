using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Activities;

public sealed class ActivityListQuery : ListQuery
{
    public int? Year { get; set; }

    public ActivityKind? Kind { get; set; }

    public int? AssociationId { get; set; }
}

public sealed record ActivityRow(int Id, string Title, ActivityKind Kind, int Year, DateOnly? StartDate, string? Place, int? ParticipantsCount, int Associations);

public sealed class ActivityListModel
{
    public required ActivityListQuery Query { get; init; }

    public required ListPage<ActivityRow> Results { get; init; }

    public required List<int> Years { get; init; }

    public required List<SelectListItem> Kinds { get; init; }

    /// <summary>The name of the association filtered on, shown in its combobox.</summary>
    public string? AssociationText { get; init; }
}

public sealed class ActivityForm : IValidatableObject, IVersionedForm
{
    public Guid Version { get; set; }

    [Display(Name = "Type d'activité")]
    public ActivityKind Kind { get; set; } = ActivityKind.ConsultationMeeting;

    [Display(Name = "Intitulé")]
    [Required(ErrorMessage = "L'intitulé est obligatoire.")]
    [StringLength(250, ErrorMessage = "L'intitulé ne dépasse pas {1} caractères.")]
    public string? Title { get; set; }

    [Display(Name = "Année")]
    [Required(ErrorMessage = "L'année est obligatoire.")]
    [Range(BudgetYears.First, BudgetYears.Last, ErrorMessage = "L'année est comprise entre {1} et {2}.")]
    public int? Year { get; set; }

    [Display(Name = "Début")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Fin")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Lieu")]
    [StringLength(250, ErrorMessage = "Le lieu ne dépasse pas {1} caractères.")]
    public string? Place { get; set; }

    [Display(Name = "Nombre de participants")]
    [Range(0, 1_000_000, ErrorMessage = "Le nombre de participants est compris entre {1} et {2}.")]
    public int? ParticipantsCount { get; set; }

    [Display(Name = "Participants")]
    [StringLength(500, ErrorMessage = "La description des participants ne dépasse pas {1} caractères.")]
    public string? ParticipantsDescription { get; set; }

    [Display(Name = "Partenaires")]
    [StringLength(1000, ErrorMessage = "La liste des partenaires ne dépasse pas {1} caractères.")]
    public string? Partners { get; set; }

    [Display(Name = "Description")]
    [StringLength(4000, ErrorMessage = "La description ne dépasse pas {1} caractères.")]
    public string? Description { get; set; }

    [Display(Name = "Associations participantes")]
    public List<int> AssociationIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in AmountRules.Period(StartDate, EndDate, nameof(EndDate), validationContext))
        {
            yield return result;
        }

        if (StartDate is { } start && Year is { } year && start.Year != year)
        {
            var l = validationContext.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            yield return new ValidationResult(l["La date de début n'est pas dans l'année {0}.", year], [nameof(StartDate)]);
        }
    }
}

public sealed class ActivityFormPage
{
    public int? Id { get; init; }

    public required ActivityForm Form { get; init; }

    public required List<SelectListItem> Kinds { get; init; }

    public required List<SelectListItem> Associations { get; init; }
}

public sealed record ActivityAssociation(int Id, string Name, string City);

public sealed class ActivityDetails
{
    public required int Id { get; init; }

    public required string Title { get; init; }

    public ActivityKind Kind { get; init; }

    public int Year { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public string? Place { get; init; }

    public int? ParticipantsCount { get; init; }

    public string? ParticipantsDescription { get; init; }

    public string? Partners { get; init; }

    public string? Description { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public string? UpdatedBy { get; init; }

    public List<ActivityAssociation> Associations { get; set; } = [];

    public IEnumerable<string> PartnerList =>
        (Partners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
