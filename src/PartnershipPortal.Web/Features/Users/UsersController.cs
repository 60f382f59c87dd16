using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Account;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Users;

[Authorize(Policy = Policies.Administrator)]
[Route("Users")]
public sealed class UsersController(
    UsersService service,
    PasswordResetMailer resetMailer,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        if (q is { Length: > 256 })
        {
            return BadRequest();
        }

        return View(await service.ListAsync(q, page, cancellationToken));
    }

    [HttpGet("Create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Form", await service.WithOptionsAsync(new UserFormViewModel(), cancellationToken));

    [HttpPost("Create")]
    public async Task<IActionResult> Create(UserFormViewModel model, CancellationToken cancellationToken)
    {
        model.Id = null;
        if (!await IsValidAsync(model, cancellationToken))
        {
            return View("Form", await service.WithOptionsAsync(model, cancellationToken));
        }

        var (result, user) = await service.CreateAsync(model, cancellationToken);
        if (!result.Succeeded || user is null)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            return View("Form", await service.WithOptionsAsync(model, cancellationToken));
        }

        await resetMailer.QueueAsync(user);
        await service.SaveAsync(cancellationToken);
        TempData["Success"] = localizer["Compte créé : un lien pour choisir son mot de passe a été envoyé à {0}.", user.Email!].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("Edit/{id:guid}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var form = await service.GetFormAsync(id, cancellationToken);
        return form is null ? NotFound() : View("Form", form);
    }

    [HttpPost("Edit/{id:guid}")]
    public async Task<IActionResult> Edit(string id, UserFormViewModel model, CancellationToken cancellationToken)
    {
        model.Id = id;
        if (!await IsValidAsync(model, cancellationToken))
        {
            return View("Form", await service.WithOptionsAsync(model, cancellationToken));
        }

        return Outcome(await service.UpdateAsync(model, cancellationToken), "Compte enregistré.");
    }

    [HttpPost("Lock/{id:guid}")]
    public async Task<IActionResult> Lock(string id, CancellationToken cancellationToken) =>
        Outcome(await service.SetLockedAsync(id, locked: true, cancellationToken), "Compte verrouillé : ses sessions prennent fin dans les 5 minutes.");

    [HttpPost("Unlock/{id:guid}")]
    public async Task<IActionResult> Unlock(string id, CancellationToken cancellationToken) =>
        Outcome(await service.SetLockedAsync(id, locked: false, cancellationToken), "Compte déverrouillé.");

    [HttpPost("Delete/{id:guid}")]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken) =>
        Outcome(await service.DeleteAsync(id, cancellationToken), "Compte supprimé.");

    [HttpPost("ResetTwoFactor/{id:guid}")]
    public async Task<IActionResult> ResetTwoFactor(string id, CancellationToken cancellationToken) =>
        Outcome(await service.ResetTwoFactorAsync(id, cancellationToken), "Double authentification retirée : l'utilisateur pourra enrôler une nouvelle application.");

    [HttpPost("SendReset/{id:guid}")]
    public async Task<IActionResult> SendReset(string id, CancellationToken cancellationToken)
    {
        var user = await service.FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await resetMailer.QueueAsync(user);
        service.StageResetLinkSent(user);
        await service.SaveAsync(cancellationToken);
        TempData["Success"] = localizer["Lien de réinitialisation envoyé à {0}.", user.Email!].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("ForceReset/{id:guid}")]
    public async Task<IActionResult> ForceReset(string id, CancellationToken cancellationToken)
    {
        var user = await service.ForcePasswordResetAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        await resetMailer.QueueAsync(user);
        await service.SaveAsync(cancellationToken);
        TempData["Success"] = localizer["Le mot de passe de {0} est annulé ; un lien pour en choisir un nouveau lui a été envoyé.", user.Email!].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<bool> IsValidAsync(UserFormViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            foreach (var (field, message) in await service.ValidateAsync(model, cancellationToken))
            {
                ModelState.AddModelError(field, localizer[message]);
            }
        }

        return ModelState.IsValid;
    }

    /// <summary>Account commands answer on the list: the refusal's message, or <paramref name="success"/>; 404 when the account is gone.</summary>
    private IActionResult Outcome(SaveOutcome outcome, string success)
    {
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            TempData["Success"] = localizer[success].Value;
        }
        else
        {
            TempData["Error"] = outcome.Errors[0].Message;
        }

        return RedirectToAction(nameof(Index));
    }
}
