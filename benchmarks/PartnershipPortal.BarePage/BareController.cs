using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;

namespace PartnershipPortal.BarePage;

public sealed record BareRow(int Id, string Title, string Convention, string City, int BudgetYear, long AmountCentimes);

[Route("")]
public sealed class BareController(PortalDbContext db) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await db.Projects.AsNoTracking()
            .OrderByDescending(p => p.BudgetYear).ThenByDescending(p => p.Id)
            .Take(100)
            .Select(p => new BareRow(p.Id, p.Title, p.Convention!.Reference, p.City, p.BudgetYear, p.AmountCentimes))
            .ToListAsync(cancellationToken));
}
