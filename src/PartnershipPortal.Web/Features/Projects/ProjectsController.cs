using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Lookups;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Projects;

/// <summary>All projects across conventions. New projects are added on their convention's page.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ProjectsController(ProjectService service, RecordLookups lookups, LookupService lookupService, ListExports exports, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ProjectListQuery query, CancellationToken cancellationToken)
    {
        var (page, total) = await service.ListAsync(query, cancellationToken);
        return View(new ProjectListModel
        {
            Query = query,
            Results = page,
            FilteredTotalCentimes = total,
            Years = await lookups.YearsAsync(cancellationToken),
            Domains = await lookups.DomainsAsync(cancellationToken),
            Statuses = lookups.Statuses<ProjectStatus>(RecordText.Of),
            Regions = lookups.Regions(),
            AssociationText = await lookupService.AssociationTextAsync(query.AssociationId, cancellationToken),
            Calls = await lookups.CallsAsync(cancellationToken),
        });
    }

    /// <summary>The list as it is filtered and sorted, every page, as CSV or Excel (format = csv | xlsx).</summary>
    [HttpGet]
    public IActionResult Export([FromQuery] ProjectListQuery query, string? format) =>
        exports.File(this, format, l["Projets"], service.ExportColumns(l), ct => service.ExportRowsAsync(query, ct));

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await service.DetailsAsync(id, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await service.FormAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        return View(await PageAsync(id, found.ConventionId, found.Reference, found.AssociationRegion, found.Form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, ProjectForm form, CancellationToken cancellationToken)
    {
        if (await service.FormAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        foreach (var (member, message) in form.Check(l))
        {
            ModelState.AddModelError("Form." + member, message);
        }

        return await this.SaveOutcomeAsync(
            () => service.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Le projet a été enregistré ; le montant de sa convention a été recalculé."].Value,
            _ => RedirectToAction(nameof(Details), new { id }),
            async () => View(await PageAsync(id, stored.ConventionId, stored.Reference, stored.AssociationRegion, form, cancellationToken)));
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
        var (confirmation, conventionId) = await service.DeleteAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return this.DeleteOutcome(confirmation, l["Le projet a été supprimé ; le montant de sa convention a été recalculé."].Value, () => RedirectToAction("Details", "Conventions", new { id = conventionId }));
    }

    private async Task<ProjectFormPage> PageAsync(int id, int conventionId, string reference, Region associationRegion, ProjectForm form, CancellationToken cancellationToken) => new()
    {
        Id = id,
        ConventionId = conventionId,
        ConventionReference = reference,
        Form = form,
        Domains = await lookups.DomainsAsync(cancellationToken, activeOnly: true, keep: form.DomainId is { } d ? [d] : null),
        Statuses = lookups.Statuses<ProjectStatus>(RecordText.Of),
        Regions = lookups.Regions(),
        DerivedRegion = CityRegions.Derive(form.City, associationRegion),
    };
}
