using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.DocumentKinds;

/// <summary>The pieces of the associations' legal dossier: only administrators change the list.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class DocumentKindsController(DocumentKindService service, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] DocumentKindListQuery query, CancellationToken cancellationToken)
    {
        ViewData["Query"] = query;
        return View(await service.ListAsync(query, cancellationToken));
    }

    [HttpGet]
    public IActionResult Create() => View("Edit", new DocumentKindFormPage { Form = new DocumentKindForm() });

    [HttpPost]
    public async Task<IActionResult> Create(DocumentKindForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.CreateAsync(form, cancellationToken),
            v => form.Version = v,
            l["La pièce du dossier a été enregistrée."].Value,
            _ => RedirectToAction(nameof(Index)),
            () => View("Edit", new DocumentKindFormPage { Form = form }));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await service.FormAsync(id, cancellationToken);
        return form is null ? NotFound() : View(new DocumentKindFormPage { Id = id, Form = form });
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, DocumentKindForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Index)),
            () => View(new DocumentKindFormPage { Id = id, Form = form }));
    }
}
