using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace PartnershipPortal.Web.Infrastructure.Identity;

/// <summary>Identity's messages, written in French and translated through SharedResource in the request's language: they reach
/// administrators creating accounts and users changing passwords.</summary>
public sealed class FrenchIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Une erreur inconnue est survenue."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Le compte a été modifié entre-temps ; rechargez la page."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Mot de passe incorrect."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["Lien ou code invalide ou expiré."]);

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), l["Cet identifiant externe est déjà associé à un compte."]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["Le nom d'utilisateur « {0} » n'est pas valide.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["L'adresse électronique « {0} » n'est pas valide.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["Le compte « {0} » existe déjà.", userName]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["L'adresse « {0} » est déjà utilisée par un autre compte.", email]);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), l["Le rôle « {0} » n'est pas valide.", role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), l["Le rôle « {0} » existe déjà.", role]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), l["Ce compte a déjà un mot de passe."]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), l["Le verrouillage n'est pas activé pour ce compte."]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), l["Le compte a déjà le rôle « {0} ».", role]);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), l["Le compte n'a pas le rôle « {0} ».", role]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Le mot de passe doit contenir au moins {0} caractères.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), l["Le mot de passe doit contenir au moins {0} caractères différents.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), l["Le mot de passe doit contenir un caractère spécial."]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["Le mot de passe doit contenir un chiffre."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["Le mot de passe doit contenir une minuscule."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["Le mot de passe doit contenir une majuscule."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), l["Code de récupération invalide."]);

    private static IdentityError Error(string code, LocalizedString description) => new() { Code = code, Description = description.Value };
}
