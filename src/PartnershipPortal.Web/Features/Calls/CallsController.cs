using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Calls;

[Authorize(Policy = Policies.Staff)]
public sealed class CallsController(CallService service, RecordLookups lookups, TimeProvider time, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CallListQuery query, CancellationToken cancellationToken) =>
        View(new CallListModel
        {
            Query = query,
            Results = await service.ListAsync(query, cancellationToken),
            Years = await lookups.YearsAsync(cancellationToken),
            Statuses = lookups.Statuses<CallForProjectsStatus>(RecordText.Of),
            Domains = await lookups.DomainsAsync(cancellationToken),
        });

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await service.DetailsAsync(id, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await PageAsync(null, new CallForm { Year = time.GetLocalNow().Year }, cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(CallForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.CreateAsync(form, cancellationToken),
            v => form.Version = v,
            l["L'appel à projets a été enregistré."].Value,
            saved => RedirectToAction(nameof(Details), new { id = saved }),
            async () => View("Edit", await PageAsync(null, form, cancellationToken)));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await service.FormAsync(id, cancellationToken);
        return form is null ? NotFound() : View(await PageAsync(id, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, CallForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Details), new { id }),
            async () => View(await PageAsync(id, form, cancellationToken)));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteConfirmationAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return confirmation is null ? NotFound() : View("ConfirmDelete", confirmation);
    }

    [HttpPost]
    [ActionName(nameof(Delete))]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return this.DeleteOutcome(confirmation, l["L'appel à projets a été supprimé."].Value, () => RedirectToAction(nameof(Index)));
    }

    private async Task<CallFormPage> PageAsync(int? id, CallForm form, CancellationToken cancellationToken) => new()
    {
        Id = id,
        Form = form,
        Statuses = lookups.Statuses<CallForProjectsStatus>(RecordText.Of),
        Domains = await lookups.DomainsAsync(cancellationToken, activeOnly: true, keep: form.DomainIds),
    };
}
