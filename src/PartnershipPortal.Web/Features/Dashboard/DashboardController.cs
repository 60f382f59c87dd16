using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Dashboard;

[Authorize(Policy = Policies.Staff)]
public sealed class DashboardController(DashboardService service, TimeProvider time) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, CancellationToken cancellationToken)
    {
        var chosen = year is { } y && BudgetYears.Contains(y) ? y : time.GetLocalNow().Year;
        return View(await service.GetAsync(chosen, cancellationToken));
    }
}
