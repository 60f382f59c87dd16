using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Lookups;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Activities;

[Authorize(Policy = Policies.Staff)]
public sealed class ActivitiesController(ActivityService service, RecordLookups lookups, LookupService lookupService, ListExports exports, TimeProvider time, IStringLocalizer<SharedResource> l)
    : RecordsController<ActivityDetails, ActivityForm>(service, l)
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ActivityListQuery query, CancellationToken cancellationToken) =>
        View(new ActivityListModel
        {
            Query = query,
            Results = await service.ListAsync(query, cancellationToken),
            Years = await lookups.YearsAsync(cancellationToken),
            Kinds = lookups.Statuses<ActivityKind>(RecordText.Of),
            AssociationText = await lookupService.AssociationTextAsync(query.AssociationId, cancellationToken),
        });

    /// <summary>The list as it is filtered and sorted, every page, as CSV or Excel (format = csv | xlsx).</summary>
    [HttpGet]
    public IActionResult Export([FromQuery] ActivityListQuery query, string? format) =>
        exports.File(this, format, L["Activités"], service.ExportColumns(L), ct => service.ExportRowsAsync(query, ct));

    [HttpPost]
    [ActionName(nameof(Delete))]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        if (!await service.DeleteAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = L["L'activité a été supprimée."].Value;
        return RedirectToAction(nameof(Index));
    }

    protected override string CreatedMessage => L["L'activité a été enregistrée."];

    protected override ActivityForm NewForm() => new() { Year = time.GetLocalNow().Year };

    protected override async Task<object> FormPageAsync(int? id, ActivityForm form, CancellationToken cancellationToken) => new ActivityFormPage
    {
        Id = id,
        Form = form,
        Kinds = lookups.Statuses<ActivityKind>(RecordText.Of),
        Associations = await lookups.AssociationsAsync(cancellationToken),
    };
}
