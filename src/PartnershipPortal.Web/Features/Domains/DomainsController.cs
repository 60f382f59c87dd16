using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Domains;

/// <summary>The intervention domains the bilan is grouped by: only administrators change them.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class DomainsController(DomainService service, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] DomainListQuery query, CancellationToken cancellationToken)
    {
        ViewData["Query"] = query;
        return View(await service.ListAsync(query, cancellationToken));
    }

    [HttpGet]
    public IActionResult Create() => View("Edit", new DomainFormPage { Form = new DomainForm() });

    [HttpPost]
    public async Task<IActionResult> Create(DomainForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.CreateAsync(form, cancellationToken),
            v => form.Version = v,
            l["Le domaine a été enregistré."].Value,
            _ => RedirectToAction(nameof(Index)),
            () => View("Edit", new DomainFormPage { Form = form }));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await service.FormAsync(id, cancellationToken);
        return form is null ? NotFound() : View(new DomainFormPage { Id = id, Form = form });
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, DomainForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Index)),
            () => View(new DomainFormPage { Id = id, Form = form }));
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteConfirmationAsync(id, Url.Action(nameof(Index))!, cancellationToken);
        return confirmation is null ? NotFound() : View("ConfirmDelete", confirmation);
    }

    [HttpPost]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteAsync(id, Url.Action(nameof(Index))!, cancellationToken);
        return this.DeleteOutcome(confirmation, l["Le domaine a été supprimé."].Value, () => RedirectToAction(nameof(Index)));
    }

    [HttpPost]
    public async Task<IActionResult> Deactivate(int id, CancellationToken cancellationToken)
    {
        if (!await service.DeactivateAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = l["Le domaine a été désactivé : il n'est plus proposé pour les nouveaux projets."].Value;
        return RedirectToAction(nameof(Index));
    }
}
