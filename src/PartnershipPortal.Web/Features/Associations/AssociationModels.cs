using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Associations;

public sealed class AssociationListQuery : ListQuery
{
    public Region? Region { get; set; }

    public string? City { get; set; }

    public AssociationStatus? Status { get; set; }

    /// <summary>Associations with a convention in that budget year.</summary>
    public int? Year { get; set; }

    /// <summary>Associations whose legal dossier is in this state (issue 16).</summary>
    public PartnershipPortal.Web.Features.Dossier.DossierState? Dossier { get; set; }
}

public sealed record AssociationRow(
    int Id, string Name, string? Acronym, string RegistrationNumber, string City, Region Region,
    AssociationStatus Status, int Conventions, long TotalCentimes);

public sealed class AssociationListModel
{
    public required AssociationListQuery Query { get; init; }

    public required ListPage<AssociationRow> Results { get; init; }

    public required List<SelectListItem> Regions { get; init; }

    public required List<SelectListItem> Statuses { get; init; }

    public required List<int> Years { get; init; }
}

public sealed class AssociationForm
{
    public Guid Version { get; set; }

    [Display(Name = "Nom")]
    [Required(ErrorMessage = "Le nom est obligatoire.")]
    [StringLength(250, ErrorMessage = "Le nom ne dépasse pas {1} caractères.")]
    public string? Name { get; set; }

    [Display(Name = "Nom en arabe")]
    [StringLength(250, ErrorMessage = "Le nom en arabe ne dépasse pas {1} caractères.")]
    public string? NameAr { get; set; }

    [Display(Name = "Sigle")]
    [StringLength(30, ErrorMessage = "Le sigle ne dépasse pas {1} caractères.")]
    public string? Acronym { get; set; }

    [Display(Name = "Numéro d'enregistrement")]
    [Required(ErrorMessage = "Le numéro d'enregistrement est obligatoire.")]
    [StringLength(50, ErrorMessage = "Le numéro d'enregistrement ne dépasse pas {1} caractères.")]
    public string? RegistrationNumber { get; set; }

    [Display(Name = "Ville")]
    [Required(ErrorMessage = "La ville est obligatoire.")]
    [StringLength(100, ErrorMessage = "La ville ne dépasse pas {1} caractères.")]
    public string? City { get; set; }

    [Display(Name = "Région")]
    [Required(ErrorMessage = "La région est obligatoire.")]
    public Region? Region { get; set; }

    [Display(Name = "Adresse")]
    [StringLength(300, ErrorMessage = "L'adresse ne dépasse pas {1} caractères.")]
    public string? Address { get; set; }

    [Display(Name = "Téléphone")]
    [StringLength(30, ErrorMessage = "Le téléphone ne dépasse pas {1} caractères.")]
    [RegularExpression(@"^[0-9+() .\-]*$", ErrorMessage = "Le téléphone ne contient que des chiffres, espaces et + ( ) . -")]
    public string? Phone { get; set; }

    [Display(Name = "Courriel")]
    [StringLength(256, ErrorMessage = "Le courriel ne dépasse pas {1} caractères.")]
    [EmailAddress(ErrorMessage = "Le courriel n'est pas une adresse valide.")]
    public string? Email { get; set; }

    [Display(Name = "Personne de contact")]
    [StringLength(150, ErrorMessage = "La personne de contact ne dépasse pas {1} caractères.")]
    public string? ContactPerson { get; set; }

    [Display(Name = "Statut")]
    public AssociationStatus Status { get; set; } = AssociationStatus.Active;
}

public sealed class AssociationFormPage
{
    public int? Id { get; init; }

    public required AssociationForm Form { get; init; }

    public required List<SelectListItem> Regions { get; init; }

    public required List<SelectListItem> Statuses { get; init; }
}

public sealed record AssociationYear(int Year, int Conventions, int Projects, long TotalCentimes);

public sealed record AssociationConvention(int Id, string Reference, int BudgetYear, string? Call, DateOnly? SigningDate, ConventionStatus Status, int Projects, long TotalCentimes);

public sealed record AssociationProject(int Id, string ConventionReference, int BudgetYear, string Title, string Domain, string City, ProjectStatus Status, long AmountCentimes);

public sealed record AssociationActivity(int Id, int Year, ActivityKind Kind, string Title, DateOnly? StartDate);

public sealed class AssociationDetails
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public string? NameAr { get; init; }

    public string? Acronym { get; init; }

    public required string RegistrationNumber { get; init; }

    public required string City { get; init; }

    public Region Region { get; init; }

    public string? Address { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? ContactPerson { get; init; }

    public AssociationStatus Status { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public string? UpdatedBy { get; init; }

    public List<AssociationYear> Years { get; set; } = [];

    public List<AssociationConvention> Conventions { get; set; } = [];

    public List<AssociationProject> Projects { get; set; } = [];

    public List<AssociationActivity> Activities { get; set; } = [];
}
