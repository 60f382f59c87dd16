using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Lookups;

/// <summary>The typeahead endpoints behind the filters' comboboxes (wwwroot/js/combobox.js): staff only.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class LookupsController(LookupService service) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Associations(string? q, CancellationToken cancellationToken) =>
        Json(await service.AssociationsAsync(q, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> Cities(string? q, CancellationToken cancellationToken) =>
        Json(await service.CitiesAsync(q, cancellationToken));
}
