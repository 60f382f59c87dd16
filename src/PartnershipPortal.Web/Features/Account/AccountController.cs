using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Localization;
using PartnershipPortal.Web.Infrastructure.Security;
using QRCoder;

namespace PartnershipPortal.Web.Features.Account;

public sealed class AccountController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    AuditWriter audit,
    PasswordResetMailer resetMailer,
    SecurityOptions security,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string UserType = nameof(ApplicationUser);

    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl = null) =>
        View(new LoginViewModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.LoginRateLimit)]
    public async Task<IActionResult> Login(LoginViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await userManager.FindByEmailAsync(model.Email);
        if (user is null)
        {
            // Same cost as a real check, so the answer time does not tell which addresses have an account.
            userManager.PasswordHasher.HashPassword(new ApplicationUser(), model.Password);
            await audit.WriteAsync(AuditActions.SignInFailed, details: "Compte inconnu", userName: model.Email, cancellationToken: cancellationToken);
            ModelState.AddModelError("", localizer["Adresse électronique ou mot de passe incorrect."]);
            return View(model);
        }

        var result = await signInManager.PasswordSignInAsync(user, model.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, UserType, user.Id, userName: user.Email, cancellationToken: cancellationToken);
            return LocalRedirect(await SafeReturnUrlAsync(model.ReturnUrl, user));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(LoginWithTwoFactor), new { returnUrl = model.ReturnUrl });
        }

        await AuditFailureAsync(user, result, "Mot de passe incorrect", cancellationToken);
        ModelState.AddModelError("", result.IsLockedOut
            ? localizer["Ce compte est verrouillé. Réessayez dans 15 minutes ou contactez un administrateur."]
            : localizer["Adresse électronique ou mot de passe incorrect."]);
        return View(model);
    }

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> LoginWithTwoFactor(string? returnUrl = null)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }

        return View(new LoginWithTwoFactorViewModel { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.LoginRateLimit)]
    public async Task<IActionResult> LoginWithTwoFactor(LoginWithTwoFactorViewModel model, CancellationToken cancellationToken)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var code = model.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, UserType, user.Id, details: "Double authentification", userName: user.Email, cancellationToken: cancellationToken);
            return LocalRedirect(await SafeReturnUrlAsync(model.ReturnUrl, user));
        }

        await AuditFailureAsync(user, result, "Code de double authentification incorrect", cancellationToken);
        ModelState.AddModelError("", result.IsLockedOut
            ? localizer["Ce compte est verrouillé. Réessayez dans 15 minutes ou contactez un administrateur."]
            : localizer["Code incorrect."]);
        return View(model);
    }

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> LoginWithRecoveryCode(string? returnUrl = null)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }

        return View(new LoginWithRecoveryCodeViewModel { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.LoginRateLimit)]
    public async Task<IActionResult> LoginWithRecoveryCode(LoginWithRecoveryCodeViewModel model, CancellationToken cancellationToken)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(model.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, UserType, user.Id, details: "Code de secours", userName: user.Email, cancellationToken: cancellationToken);
            return LocalRedirect(await SafeReturnUrlAsync(model.ReturnUrl, user));
        }

        await AuditFailureAsync(user, result, "Code de secours incorrect", cancellationToken);
        ModelState.AddModelError("", localizer["Code de secours incorrect."]);
        return View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        await signInManager.SignOutAsync();
        await audit.WriteAsync(AuditActions.SignOut, cancellationToken: cancellationToken);
        return RedirectToAction("Index", "Home");
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordViewModel());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Staged: Identity's save of the new password hash commits the audit line with it.
        audit.Stage(AuditActions.PasswordChanged, UserType, user.Id);
        var result = await userManager.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            AddErrors(result);
            return View(model);
        }

        await signInManager.RefreshSignInAsync(user);
        TempData["Success"] = localizer["Votre mot de passe a été modifié."].Value;
        return RedirectToAction(nameof(ChangePassword));
    }

    [HttpGet]
    public async Task<IActionResult> TwoFactor()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(await TwoFactorModelAsync(user));
    }

    /// <summary>Creates (or replaces) the authenticator key; the app is enrolled only once a code from it is confirmed.</summary>
    [HttpPost]
    public async Task<IActionResult> StartTwoFactor()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
        }

        return RedirectToAction(nameof(TwoFactor));
    }

    [HttpPost]
    public async Task<IActionResult> EnableTwoFactor(TwoFactorViewModel model)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        var code = (model.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = ModelState.IsValid && await userManager.VerifyTwoFactorTokenAsync(
            user, userManager.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(model.Code), localizer["Code incorrect : vérifiez l'heure de votre téléphone et saisissez le code affiché."]);
            return View(nameof(TwoFactor), await TwoFactorModelAsync(user));
        }

        audit.Stage(AuditActions.TwoFactorChanged, UserType, user.Id, details: "Application d'authentification activée");
        await userManager.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await signInManager.RefreshSignInAsync(user);
        TempData["RecoveryCodes"] = string.Join(' ', recoveryCodes ?? []);
        return RedirectToAction(nameof(RecoveryCodes));
    }

    [HttpPost]
    public async Task<IActionResult> DisableTwoFactor()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await IsTwoFactorRequiredAsync(user))
        {
            TempData["Error"] = localizer["La double authentification est obligatoire pour les administrateurs."].Value;
            return RedirectToAction(nameof(TwoFactor));
        }

        audit.Stage(AuditActions.TwoFactorChanged, UserType, user.Id, details: "Application d'authentification retirée");
        await userManager.SetTwoFactorEnabledAsync(user, false);
        await userManager.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        TempData["Success"] = localizer["La double authentification est désactivée."].Value;
        return RedirectToAction(nameof(TwoFactor));
    }

    [HttpPost]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        audit.Stage(AuditActions.TwoFactorChanged, UserType, user.Id, details: "Nouveaux codes de secours");
        var recoveryCodes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        TempData["RecoveryCodes"] = string.Join(' ', recoveryCodes ?? []);
        return RedirectToAction(nameof(RecoveryCodes));
    }

    /// <summary>Shown once, right after they were generated.</summary>
    [HttpGet]
    public IActionResult RecoveryCodes()
    {
        if (TempData["RecoveryCodes"] is not string codes)
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        return View(codes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult ForgotPassword() => View(new ForgotPasswordViewModel());

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.PasswordResetRateLimit)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await userManager.FindByEmailAsync(model.Email);
        if (user is not null)
        {
            await resetMailer.SendAsync(user, cancellationToken);
            await audit.WriteAsync(AuditActions.PasswordReset, UserType, user.Id, details: "Lien demandé", userName: model.Email, cancellationToken: cancellationToken);
        }

        // The same answer whether or not the address has an account.
        TempData["Success"] = localizer["Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé."].Value;
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult ResetPassword(string? userId = null, string? code = null)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 64 || code.Length > 2048)
        {
            return BadRequest();
        }

        return View(new ResetPasswordViewModel { UserId = userId, Code = code });
    }

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.PasswordResetRateLimit)]
    public async Task<IActionResult> ResetPassword(ResetPasswordViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await userManager.FindByIdAsync(model.UserId);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(model.Code));
        }
        catch (FormatException)
        {
            token = "";
        }

        if (user is not null)
        {
            audit.Stage(AuditActions.PasswordReset, UserType, user.Id, details: "Mot de passe réinitialisé", userName: user.Email);
            var result = await userManager.ResetPasswordAsync(user, token, model.NewPassword);
            if (result.Succeeded)
            {
                // A reset ends a lockout too: the user proved they own the mailbox.
                await userManager.SetLockoutEndDateAsync(user, null);
                TempData["Success"] = localizer["Votre mot de passe a été réinitialisé. Vous pouvez vous connecter."].Value;
                return RedirectToAction(nameof(Login));
            }

            if (result.Errors.Any(e => e.Code != nameof(IdentityErrorDescriber.InvalidToken)))
            {
                AddErrors(result);
                return View(model);
            }
        }

        ModelState.AddModelError("", localizer["Ce lien de réinitialisation n'est pas valide ou a expiré. Demandez-en un nouveau."]);
        return View(model);
    }

    /// <summary>After sign-in: the page asked for if it is local, else the association's space or the staff home.</summary>
    internal async Task<string> SafeReturnUrlAsync(string? returnUrl, ApplicationUser user)
    {
        // The language chosen on another device follows the user.
        if (!string.IsNullOrEmpty(user.PreferredCulture))
        {
            Culture.CultureController.WriteCookie(Response, PortalCultures.Normalize(user.PreferredCulture));
        }

        if (!string.IsNullOrEmpty(returnUrl) && returnUrl != "/" && Url.IsLocalUrl(returnUrl))
        {
            return returnUrl;
        }

        return await userManager.IsInRoleAsync(user, Roles.Association) ? "/MonEspace" : "/";
    }

    private async Task AuditFailureAsync(ApplicationUser user, Microsoft.AspNetCore.Identity.SignInResult result, string reason, CancellationToken cancellationToken)
    {
        var lockedNow = result.IsLockedOut && user.AccessFailedCount == 0;
        await audit.WriteAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, UserType, user.Id,
            details: result.IsLockedOut ? (lockedNow ? "Verrouillé après 5 échecs" : "Tentative sur un compte verrouillé") : reason,
            userName: user.Email, cancellationToken: cancellationToken);
    }

    private async Task<bool> IsTwoFactorRequiredAsync(ApplicationUser user) =>
        security.RequireTwoFactorForAdministrators && await userManager.IsInRoleAsync(user, Roles.Administrator);

    private async Task<TwoFactorViewModel> TwoFactorModelAsync(ApplicationUser user)
    {
        var key = user.TwoFactorEnabled ? null : await userManager.GetAuthenticatorKeyAsync(user);
        string? uri = null;
        string? qr = null;
        if (!string.IsNullOrEmpty(key))
        {
            var issuer = UrlEncoder.Default.Encode("Portail partenariat");
            uri = string.Create(CultureInfo.InvariantCulture,
                $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={issuer}&digits=6");
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
            qr = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        }

        return new TwoFactorViewModel
        {
            Enabled = user.TwoFactorEnabled,
            Required = await IsTwoFactorRequiredAsync(user),
            RecoveryCodesLeft = user.TwoFactorEnabled ? await userManager.CountRecoveryCodesAsync(user) : 0,
            SharedKey = key is null ? null : string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c))),
            AuthenticatorUri = uri,
            QrCodeDataUri = qr,
        };
    }

    private void AddErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("", error.Description);
        }
    }
}
