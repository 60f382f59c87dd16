using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>Committed, ordered, paid and (for a call with an envelope) what remains of it.</summary>
public sealed record MoneyFigures(long CommittedCentimes, long OrderedCentimes, long PaidCentimes, long? EnvelopeCentimes)
{
    public long? RemainingEnvelopeCentimes => EnvelopeCentimes - CommittedCentimes;
}

/// <summary>
/// The money of a budget year (dashboard) or of a call (its page), summed in SQL: the signed conventions' amounts,
/// the tranches ordered, the payments net of their reversing entries.
/// </summary>
public sealed class MoneyFiguresViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int? year, int? callId, long? envelopeCentimes) =>
        View("~/Features/Payments/_MoneyFigures.cshtml", await ComputeAsync(db, year, callId, envelopeCentimes, HttpContext.RequestAborted));

    /// <summary>The three sums, for a budget year or (without one) a call; on its own so that its SQL is tested on both providers.</summary>
    public static async Task<MoneyFigures> ComputeAsync(PortalDbContext db, int? year, int? callId, long? envelopeCentimes, CancellationToken cancellationToken)
    {
        var conventions = db.Conventions.AsNoTracking().Where(c => Convention.SignedStatuses.Contains(c.Status));
        conventions = year is { } y ? conventions.Where(c => c.BudgetYear == y) : conventions.Where(c => c.CallForProjectsId == callId);
        var committed = await conventions.SumAsync(c => c.TotalCentimes, cancellationToken);
        var ordered = await db.PaymentTranches.AsNoTracking().Where(t => t.OrderedOn != null && conventions.Any(c => c.Id == t.ConventionId))
            .SumAsync(t => t.PlannedAmountCentimes, cancellationToken);
        var paid = await db.TranchePayments.AsNoTracking().Where(p => conventions.Any(c => c.Id == p.Tranche!.ConventionId))
            .SumAsync(p => p.AmountCentimes, cancellationToken);
        return new MoneyFigures(committed, ordered, paid, envelopeCentimes);
    }
}
