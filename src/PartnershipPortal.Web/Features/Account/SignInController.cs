using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Account;

/// <summary>Sign-in (password, then authenticator or recovery code), sign-out, access denied.</summary>
/// <remarks>
/// The account screens are three controllers (sign-in, password, two-factor) under the one name "Account": the
/// addresses (/Account/Login, the cookie's login path, links already mailed) and the views' folder stay as they are.
/// </remarks>
[ControllerName("Account")]
public sealed class SignInController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    AuditWriter audit,
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
            return await SignedInAsync(user, model.ReturnUrl, details: null, cancellationToken);
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
            return await SignedInAsync(user, model.ReturnUrl, "Double authentification", cancellationToken);
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
            return await SignedInAsync(user, model.ReturnUrl, "Code de secours", cancellationToken);
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

    private async Task<IActionResult> SignedInAsync(
        ApplicationUser user, string? returnUrl, string? details, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(AuditActions.SignIn, UserType, user.Id, details: details, userName: user.Email, cancellationToken: cancellationToken);

        // The language chosen on another device follows the user.
        if (!string.IsNullOrEmpty(user.PreferredCulture))
        {
            Culture.CultureController.WriteCookie(Response, PortalCultures.Normalize(user.PreferredCulture));
        }

        return LocalRedirect(await SafeReturnUrlAsync(returnUrl, user));
    }

    /// <summary>After sign-in: the page asked for if it is local, else the association's space or the staff home.</summary>
    private async Task<string> SafeReturnUrlAsync(string? returnUrl, ApplicationUser user)
    {
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
}
