using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Dashboard;

[Authorize(Policy = Policies.Staff)]
public sealed class DashboardController(DashboardService service, TimeProvider time) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, CancellationToken cancellationToken)
    {
        var chosen = year is >= 2000 and <= 2100 ? year.Value : time.GetLocalNow().Year;
        return View(await service.GetAsync(chosen, cancellationToken));
    }
}
