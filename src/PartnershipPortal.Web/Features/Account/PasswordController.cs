using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Account;

/// <summary>Password change, and the reset by a mailed link.</summary>
/// <remarks>One of the three "Account" controllers, see <see cref="SignInController"/>.</remarks>
[ControllerName("Account")]
public sealed class PasswordController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    AuditWriter audit,
    PasswordResetMailer resetMailer,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string UserType = nameof(ApplicationUser);

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
            await resetMailer.QueueAsync(user);
            await audit.WriteAsync(AuditActions.PasswordReset, UserType, user.Id, details: "Lien demandé", userName: model.Email, cancellationToken: cancellationToken);
        }

        // The same answer whether or not the address has an account.
        TempData["Success"] = localizer["Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé."].Value;
        return RedirectToAction(nameof(SignInController.Login));
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
                return RedirectToAction(nameof(SignInController.Login));
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

    private void AddErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("", error.Description);
        }
    }
}
