using Microsoft.AspNetCore.Identity;

namespace PartnershipPortal.Web.Infrastructure.Identity;

/// <summary>Identity's messages in French: they reach administrators creating accounts and users changing passwords.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur inconnue est survenue.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Le compte a été modifié entre-temps ; rechargez la page.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mot de passe incorrect.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Lien ou code invalide ou expiré.");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "Cet identifiant externe est déjà associé à un compte.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"Le nom d'utilisateur « {userName} » n'est pas valide.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"L'adresse électronique « {email} » n'est pas valide.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Le compte « {userName} » existe déjà.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"L'adresse « {email} » est déjà utilisée par un autre compte.");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"Le rôle « {role} » n'est pas valide.");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"Le rôle « {role} » existe déjà.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Le compte a déjà le rôle « {role} ».");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Le compte n'a pas le rôle « {role} ».");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Le mot de passe doit contenir au moins {length} caractères.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir un caractère spécial.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir un chiffre.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Le mot de passe doit contenir une minuscule.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir une majuscule.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Code de récupération invalide.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
