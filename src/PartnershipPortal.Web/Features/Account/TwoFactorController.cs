using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;
using QRCoder;

namespace PartnershipPortal.Web.Features.Account;

/// <summary>Enrolling an authenticator app, removing it, and the recovery codes.</summary>
/// <remarks>One of the three "Account" controllers, see <see cref="SignInController"/>.</remarks>
[ControllerName("Account")]
public sealed class TwoFactorController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    AuditWriter audit,
    SecurityOptions security,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string UserType = nameof(ApplicationUser);

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
}
