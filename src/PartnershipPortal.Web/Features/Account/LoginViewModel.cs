using System.ComponentModel.DataAnnotations;

namespace PartnershipPortal.Web.Features.Account;

public sealed class LoginViewModel
{
    [Required(ErrorMessage = "L'adresse électronique est obligatoire.")]
    [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    [StringLength(256, ErrorMessage = "L'adresse électronique est trop longue.")]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Le mot de passe est obligatoire.")]
    [StringLength(128, ErrorMessage = "Le mot de passe est trop long.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}
