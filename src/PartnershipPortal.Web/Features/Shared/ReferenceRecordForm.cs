using System.ComponentModel.DataAnnotations;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>
/// The form of a reference record that administrators name in the portal's three languages and order by hand (an
/// intervention domain, a kind of dossier document): its names, order and state are checked alike. Each record's code
/// stays with its own form (their lengths differ).
/// </summary>
public abstract class ReferenceRecordForm : IVersionedForm
{
    public Guid Version { get; set; }

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

    [Display(Name = "Actif")]
    public bool IsActive { get; set; } = true;
}
