using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Domains;

public sealed class DomainListQuery : ListQuery
{
    public bool? Active { get; set; }
}

public sealed record DomainRow(int Id, string Code, string NameFr, int DisplayOrder, bool IsActive, int Projects, int Calls);

public sealed class DomainForm : ReferenceRecordForm
{
    [Display(Name = "Code")]
    [Required(ErrorMessage = "Le code est obligatoire.")]
    [StringLength(16, ErrorMessage = "Le code ne dépasse pas {1} caractères.")]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Le code ne contient que des lettres sans accent, des chiffres, - et _.")]
    public string? Code { get; set; }
}

public sealed class DomainFormPage
{
    public int? Id { get; init; }

    public required DomainForm Form { get; init; }
}
