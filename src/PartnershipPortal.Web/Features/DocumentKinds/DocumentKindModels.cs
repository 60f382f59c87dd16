using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.DocumentKinds;

public sealed class DocumentKindListQuery : ListQuery
{
    public bool? Active { get; set; }
}

public sealed record DocumentKindRow(int Id, string Code, string Name, bool HasValidity, bool IsRequired, bool IsActive, int DisplayOrder, int Documents);

public sealed class DocumentKindForm : ReferenceRecordForm
{
    [Display(Name = "Code")]
    [Required(ErrorMessage = "Le code est obligatoire.")]
    [StringLength(32, ErrorMessage = "Le code ne dépasse pas {1} caractères.")]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Le code ne contient que des lettres sans accent, des chiffres, - et _.")]
    public string? Code { get; set; }

    [Display(Name = "A une date de validité")]
    public bool HasValidity { get; set; }

    [Display(Name = "Obligatoire")]
    public bool IsRequired { get; set; } = true;
}

public sealed class DocumentKindFormPage
{
    public int? Id { get; init; }

    public required DocumentKindForm Form { get; init; }
}
