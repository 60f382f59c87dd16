using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Echeances;

/// <summary>Staff's follow-up: what falls due within 30 days or is late, filtered, paged and exported like the other lists.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("Echeances")]
public sealed class EcheancesController(EcheanceService service, RecordLookups lookups, ListExports exports, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] EcheanceListQuery query, CancellationToken cancellationToken) =>
        View("~/Features/Echeances/Index.cshtml", new EcheanceListModel
        {
            Query = query,
            Results = await service.ListAsync(query, cancellationToken),
            Today = service.Today,
            DocumentKinds = await service.DocumentKindsAsync(cancellationToken),
            Calls = await lookups.CallsAsync(cancellationToken),
            Regions = lookups.Regions(),
            Agents = await service.AgentsAsync(cancellationToken),
        });

    /// <summary>The list as it is filtered, every page, as CSV or Excel (format = csv | xlsx).</summary>
    [HttpGet("Export")]
    public IActionResult Export([FromQuery] EcheanceListQuery query, string? format) =>
        exports.File(this, format, l["Échéances"], service.ExportColumns(), ct => service.ExportRowsAsync(query, ct));
}
