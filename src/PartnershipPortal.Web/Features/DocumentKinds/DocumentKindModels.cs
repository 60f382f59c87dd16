using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.DocumentKinds;

public sealed class DocumentKindListQuery : ListQuery
{
    public bool? Active { get; set; }
}

public sealed record DocumentKindRow(int Id, string Code, string Name, bool HasValidity, bool IsRequired, bool IsActive, int DisplayOrder, int Documents);

public sealed class DocumentKindForm
{
    public Guid Version { get; set; }

    [Display(Name = "Code")]
    [Required(ErrorMessage = "Le code est obligatoire.")]
    [StringLength(32, ErrorMessage = "Le code ne dépasse pas {1} caractères.")]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Le code ne contient que des lettres sans accent, des chiffres, - et _.")]
    public string? Code { get; set; }

    [Display(Name = "Nom en français")]
    [Required(ErrorMessage = "Le nom en français est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne dépasse pas {1} caractères.")]
    public string? NameFr { get; set; }

    [Display(Name = "Nom en arabe")]
    [Required(ErrorMessage = "Le nom en arabe est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne dépasse pas {1} caractères.")]
    public string? NameAr { get; set; }

    [Display(Name = "Nom en anglais")]
    [Required(ErrorMessage = "Le nom en anglais est obligatoire.")]
    [StringLength(200, ErrorMessage = "Le nom ne dépasse pas {1} caractères.")]
    public string? NameEn { get; set; }

    [Display(Name = "Ordre d'affichage")]
    [Range(0, 1000, ErrorMessage = "L'ordre d'affichage est compris entre {1} et {2}.")]
    public int DisplayOrder { get; set; }

    [Display(Name = "A une date de validité")]
    public bool HasValidity { get; set; }

    [Display(Name = "Obligatoire")]
    public bool IsRequired { get; set; } = true;

    [Display(Name = "Actif")]
    public bool IsActive { get; set; } = true;
}

public sealed class DocumentKindFormPage
{
    public int? Id { get; init; }

    public required DocumentKindForm Form { get; init; }
}
