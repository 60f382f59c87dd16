using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Calls;

[Authorize(Policy = Policies.Staff)]
public sealed class CallsController(CallService service, RecordLookups lookups, TimeProvider time, IStringLocalizer<SharedResource> l)
    : RecordsController<CallDetails, CallForm>(service, l)
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

    /// <summary>A call that conventions were signed under stays: the confirmation says why instead.</summary>
    [HttpPost]
    [ActionName(nameof(Delete))]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return this.DeleteOutcome(confirmation, L["L'appel à projets a été supprimé."].Value, () => RedirectToAction(nameof(Index)));
    }

    protected override string CreatedMessage => L["L'appel à projets a été enregistré."];

    protected override CallForm NewForm() => new() { Year = time.GetLocalNow().Year };

    protected override async Task<object> FormPageAsync(int? id, CallForm form, CancellationToken cancellationToken) => new CallFormPage
    {
        Id = id,
        Form = form,
        Statuses = lookups.Statuses<CallForProjectsStatus>(RecordText.Of),
        Domains = await lookups.DomainsAsync(cancellationToken, activeOnly: true, keep: form.DomainIds),
    };
}
