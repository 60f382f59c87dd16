using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Users;

public sealed record UserRow(
    string Id, string Email, string? FullName, string? Role, string? AssociationName,
    bool LockedOut, bool TwoFactorEnabled, bool HasPassword);

public sealed record UserListViewModel(IReadOnlyList<UserRow> Users, string? Search, int Page, int PageCount, int Total);

public sealed record AssociationOption(int Id, string Name);

public sealed class UserFormViewModel
{
    /// <summary>Null when creating.</summary>
    public string? Id { get; set; }

    [Required(ErrorMessage = "L'adresse électronique est obligatoire.")]
    [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    [StringLength(256, ErrorMessage = "L'adresse électronique est trop longue.")]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Le nom est obligatoire.")]
    [StringLength(150, ErrorMessage = "Le nom est trop long.")]
    [Display(Name = "Nom complet")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Le rôle est obligatoire.")]
    [Display(Name = "Rôle")]
    public string Role { get; set; } = Roles.Agent;

    [Display(Name = "Association")]
    public int? AssociationId { get; set; }

    public IReadOnlyList<AssociationOption> Associations { get; set; } = [];
}

public static class RoleLabels
{
    public static string Of(string? role) => role switch
    {
        Roles.Administrator => "Administrateur",
        Roles.Agent => "Agent",
        Roles.Manager => "Responsable",
        Roles.Association => "Association",
        Roles.Reviewer => "Évaluateur",
        _ => "Aucun rôle",
    };
}
