using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Payments;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// Two agents writing on one tranche at the same instant, made to happen every time: another save lands between the
/// service's checks and its own save. The second never passes on checks the first made stale.
/// </summary>
public sealed class MoneyRaceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2067;

    [Fact]
    public async Task A_payment_saved_while_another_is_recorded_on_the_tranche_is_refused_and_only_the_other_stays()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 1));
        var first = (await TranchesAsync(factory, id))[0];
        await OrderAsync(agent, id, first.Id, "OP-2067-0001", new DateOnly(Year, 2, 2));

        var outcome = await WithInterloperAsync(PaysFirst(first.Id, 40_000_00, new DateOnly(Year, 2, 3)),
            service => service.PayAsync(id, new PayForm { TrancheId = first.Id, Date = new DateOnly(Year, 2, 3), Amount = "40 000" }, CancellationToken.None));

        Assert.Equal(["Quelqu'un d'autre a enregistré un mouvement sur cette tranche en même temps. Rien n'a été enregistré : rechargez la page et recommencez."],
            outcome.Refusals);
        // Both would have passed the 50 000 DH check alone; together they would have paid 80 000 DH.
        Assert.Equal([40_000_00L], (await TranchesAsync(factory, id))[0].Payments.Select(p => p.AmountCentimes));
    }

    [Fact]
    public async Task A_reversal_saved_while_another_reverses_the_same_payment_is_refused()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 4));
        var first = (await TranchesAsync(factory, id))[0];
        await OrderAsync(agent, id, first.Id, "OP-2067-0002", new DateOnly(Year, 2, 5));
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 6), "12 000");
        var payment = (await TranchesAsync(factory, id))[0].Payments.Single();

        var outcome = await WithInterloperAsync(ReversesFirst(payment.Id),
            service => service.ReverseAsync(id, new ReverseForm { PaymentId = payment.Id, Date = new DateOnly(Year, 2, 7), Reason = "Doublon" }, CancellationToken.None));

        Assert.Equal(["Ce paiement a déjà été contrepassé. Rien n'a été enregistré."], outcome.Refusals);
        Assert.Equal([(12_000_00L, (string?)null), (-12_000_00L, "Premier")],
            (await TranchesAsync(factory, id))[0].Payments.OrderBy(p => p.Id).Select(p => (p.AmountCentimes, p.Reason)));
    }

    [Fact]
    public async Task A_reversal_saved_while_a_payment_is_recorded_on_the_tranche_is_refused_so_the_agent_reads_the_new_ledger_first()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 8));
        var first = (await TranchesAsync(factory, id))[0];
        await OrderAsync(agent, id, first.Id, "OP-2067-0003", new DateOnly(Year, 2, 9));
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 10), "5 000");
        var payment = (await TranchesAsync(factory, id))[0].Payments.Single();

        var outcome = await WithInterloperAsync(PaysFirst(first.Id, 20_000_00, new DateOnly(Year, 2, 10)),
            service => service.ReverseAsync(id, new ReverseForm { PaymentId = payment.Id, Date = new DateOnly(Year, 2, 11), Reason = "Erreur" }, CancellationToken.None));

        Assert.Equal(["Quelqu'un d'autre a enregistré un mouvement sur cette tranche en même temps. Rien n'a été enregistré : rechargez la page et recommencez."],
            outcome.Refusals);
        Assert.Equal([5_000_00L, 20_000_00L], (await TranchesAsync(factory, id))[0].Payments.OrderBy(p => p.Id).Select(p => p.AmountCentimes));
    }

    private Task<MoneyOutcome> WithInterloperAsync(DbTransactionInterceptor interloper, Func<PaymentService, Task<MoneyOutcome>> action) =>
        factory.WithInterloperAsync(interloper, (services, db) => action(ActivatorUtilities.CreateInstance<PaymentService>(services, db)));

    /// <summary>Records a payment on the tranche, as another agent's save does (a new version of the tranche).</summary>
    private SavesFirst PaysFirst(int trancheId, long centimes, DateOnly paidOn) => new(factory.ConnectionString, async (other, ct) =>
    {
        var tranche = await other.PaymentTranches.SingleAsync(t => t.Id == trancheId, ct);
        tranche.Version = Guid.NewGuid();
        other.TranchePayments.Add(new TranchePayment { TrancheId = trancheId, PaidOn = paidOn, AmountCentimes = centimes });
    });

    /// <summary>Reverses the payment, as another agent's save does.</summary>
    private SavesFirst ReversesFirst(int paymentId) => new(factory.ConnectionString, async (other, ct) =>
    {
        var payment = await other.TranchePayments.SingleAsync(p => p.Id == paymentId, ct);
        other.TranchePayments.Add(new TranchePayment
        {
            TrancheId = payment.TrancheId, PaidOn = payment.PaidOn, AmountCentimes = -payment.AmountCentimes, ReversesPaymentId = paymentId, Reason = "Premier",
        });
    });
}
