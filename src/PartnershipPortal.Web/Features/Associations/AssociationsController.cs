using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Associations;

[Authorize(Policy = Policies.Staff)]
public sealed class AssociationsController(
    AssociationService service, RecordLookups lookups, ListExports exports, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AssociationListQuery query, CancellationToken cancellationToken)
    {
        var results = await service.ListAsync(query, cancellationToken);
        return View(new AssociationListModel
        {
            Query = query,
            Results = results,
            Regions = lookups.Regions(),
            Statuses = lookups.Statuses<AssociationStatus>(RecordText.Of),
            Years = await lookups.YearsAsync(cancellationToken),
        });
    }

    /// <summary>The list as it is filtered and sorted, every page, as CSV or Excel (format = csv | xlsx).</summary>
    [HttpGet]
    public IActionResult Export([FromQuery] AssociationListQuery query, string? format) =>
        exports.File(this, format, l["Associations"], service.ExportColumns(l), ct => service.ExportRowsAsync(query, ct));

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await service.DetailsAsync(id, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public IActionResult Create() => View("Edit", Page(null, new AssociationForm()));

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(AssociationForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.CreateAsync(form, cancellationToken),
            v => form.Version = v,
            l["L'association a été enregistrée."].Value,
            saved => RedirectToAction(nameof(Details), new { id = saved }),
            () => View("Edit", Page(null, form)));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await service.FormAsync(id, cancellationToken);
        return form is null ? NotFound() : View(Page(id, form));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, AssociationForm form, CancellationToken cancellationToken)
    {
        return await this.SaveOutcomeAsync(
            () => service.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Details), new { id }),
            () => View(Page(id, form)));
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
        return this.DeleteOutcome(confirmation, l["L'association a été supprimée."].Value, () => RedirectToAction(nameof(Index)));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Archive(int id, CancellationToken cancellationToken)
    {
        if (!await service.ArchiveAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = l["L'association a été archivée ; son historique est conservé."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    private AssociationFormPage Page(int? id, AssociationForm form) => new()
    {
        Id = id,
        Form = form,
        Regions = lookups.Regions(),
        Statuses = lookups.Statuses<AssociationStatus>(RecordText.Of),
    };
}
