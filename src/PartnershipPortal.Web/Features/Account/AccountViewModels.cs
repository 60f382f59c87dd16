using System.ComponentModel.DataAnnotations;

namespace PartnershipPortal.Web.Features.Account;

public sealed class LoginWithTwoFactorViewModel
{
    [Required(ErrorMessage = "Le code est obligatoire.")]
    [StringLength(8, MinimumLength = 6, ErrorMessage = "Le code comporte 6 chiffres.")]
    [Display(Name = "Code de l'application d'authentification")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class LoginWithRecoveryCodeViewModel
{
    [Required(ErrorMessage = "Le code de secours est obligatoire.")]
    [StringLength(32, ErrorMessage = "Le code de secours n'est pas valide.")]
    [Display(Name = "Code de secours")]
    public string RecoveryCode { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordViewModel
{
    [Required(ErrorMessage = "Le mot de passe actuel est obligatoire.")]
    [StringLength(128, ErrorMessage = "Le mot de passe est trop long.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe actuel")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Le nouveau mot de passe est obligatoire.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "Le mot de passe doit comporter entre 12 et 128 caractères.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirmation du nouveau mot de passe")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ForgotPasswordViewModel
{
    [Required(ErrorMessage = "L'adresse électronique est obligatoire.")]
    [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    [StringLength(256, ErrorMessage = "L'adresse électronique est trop longue.")]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordViewModel
{
    [Required]
    [StringLength(64)]
    public string UserId { get; set; } = "";

    [Required]
    [StringLength(2048)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Le nouveau mot de passe est obligatoire.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "Le mot de passe doit comporter entre 12 et 128 caractères.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirmation du nouveau mot de passe")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class TwoFactorViewModel
{
    public bool Enabled { get; init; }

    /// <summary>Administrators may not switch it off while the setting requires it.</summary>
    public bool Required { get; init; }

    public int RecoveryCodesLeft { get; init; }

    /// <summary>The key to type into the app, grouped by four; null until enrolment has started.</summary>
    public string? SharedKey { get; init; }

    public string? AuthenticatorUri { get; init; }

    /// <summary>The otpauth URI as a PNG QR code, in a data: URI.</summary>
    public string? QrCodeDataUri { get; init; }

    [Required(ErrorMessage = "Le code est obligatoire.")]
    [StringLength(8, MinimumLength = 6, ErrorMessage = "Le code comporte 6 chiffres.")]
    [Display(Name = "Code affiché par l'application")]
    public string Code { get; set; } = "";
}
