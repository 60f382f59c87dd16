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
/// their tranches and payments (the payments net of their reversing entries), and kept in <see cref="BilanCache"/> until
/// the next write like the bilan's figures: read from the tranches' side, the sums scanned every tranche of every
/// year, 1.3 s for the dashboard on a million projects; from the year's conventions 0.3 s, once (docs/performance.md).
/// </summary>
public sealed class MoneyFiguresViewComponent(PortalDbContext db, BilanCache cache) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int? year, int? callId, long? envelopeCentimes)
    {
        var sums = await cache.GetOrBuildAsync(
            year is { } y ? $"money:year:{y}" : $"money:call:{callId}",
            cancellationToken => ComputeAsync(db, year, callId, null, cancellationToken),
            HttpContext.RequestAborted);
        return View("~/Features/Payments/_MoneyFigures.cshtml", sums with { EnvelopeCentimes = envelopeCentimes });
    }

    /// <summary>The three sums, for a budget year or (without one) a call; on its own so that its SQL is tested on both providers.</summary>
    public static async Task<MoneyFigures> ComputeAsync(PortalDbContext db, int? year, int? callId, long? envelopeCentimes, CancellationToken cancellationToken)
    {
        var conventions = db.Conventions.AsNoTracking().Where(c => Convention.SignedStatuses.Contains(c.Status));
        conventions = year is { } y ? conventions.Where(c => c.BudgetYear == y) : conventions.Where(c => c.CallForProjectsId == callId);
        var committed = await conventions.SumAsync(c => c.TotalCentimes, cancellationToken);
        var ordered = await conventions.SelectMany(c => c.Tranches).Where(t => t.OrderedOn != null)
            .SumAsync(t => t.PlannedAmountCentimes, cancellationToken);
        var paid = await conventions.SelectMany(c => c.Tranches).SelectMany(t => t.Payments)
            .SumAsync(p => p.AmountCentimes, cancellationToken);
        return new MoneyFigures(committed, ordered, paid, envelopeCentimes);
    }
}
