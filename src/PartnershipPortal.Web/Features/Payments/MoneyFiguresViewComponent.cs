using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>Committed, ordered, paid and (for a call with an envelope) what remains of it.</summary>
public sealed record MoneyFigures(long CommittedCentimes, long OrderedCentimes, long PaidCentimes, long? EnvelopeCentimes)
{
    public long? RemainingEnvelopeCentimes => EnvelopeCentimes - CommittedCentimes;
}

/// <summary>
/// The money of a budget year (dashboard) or of a call (its page), summed in SQL from the signed conventions down to
/// their tranches and payments (the conventions' (year, status) index leads: read from the tranches' side, the sums
/// scanned every tranche of every year), and kept in <see cref="BilanCache"/> until the next write like the bilan's
/// figures: 0.3 s for a year of 50,000 conventions (docs/performance.md).
/// </summary>
public sealed class MoneyFiguresViewComponent(PortalDbContext db, BilanCache cache) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int? year, int? callId, long? envelopeCentimes)
    {
        var sums = await cache.GetOrBuildAsync(
            year is { } y ? $"money:year:{y}" : $"money:call:{callId}",
            async cancellationToken =>
            {
                var conventions = db.Conventions.AsNoTracking().Where(c => Convention.SignedStatuses.Contains(c.Status));
                conventions = year is { } y ? conventions.Where(c => c.BudgetYear == y) : conventions.Where(c => c.CallForProjectsId == callId);
                var committed = await conventions.SumAsync(c => c.TotalCentimes, cancellationToken);
                var ordered = await conventions.SelectMany(c => c.Tranches).Where(t => t.OrderedOn != null)
                    .SumAsync(t => t.PlannedAmountCentimes, cancellationToken);
                var paid = await conventions.SelectMany(c => c.Tranches).SelectMany(t => t.Payments)
                    .SumAsync(p => p.AmountCentimes, cancellationToken);
                return new MoneyFigures(committed, ordered, paid, null);
            },
            HttpContext.RequestAborted);
        return View("~/Features/Payments/_MoneyFigures.cshtml", sums with { EnvelopeCentimes = envelopeCentimes });
    }
}
