using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The call's page and the dashboard show what is committed, ordered, paid (net of reversals) and what remains of the envelope.</summary>
public sealed class MoneyFigureTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_calls_page_and_the_years_dashboard_show_committed_ordered_paid_and_the_remaining_envelope()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var callId = await factory.WithDbAsync(async db =>
        {
            var call = new CallForProjects { Reference = "AAP-2063-SUIVI", Title = "Appel suivi financier", Year = 2063, BudgetEnvelopeCentimes = 500_000_00, Status = CallForProjectsStatus.Closed };
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            return call.Id;
        });
        var first = await SignedAsync(factory, agent, 2063, new DateOnly(2063, 2, 1), null, new Line("Premier", 120_000_00));
        var second = await SignedAsync(factory, agent, 2063, new DateOnly(2063, 2, 2), null, new Line("Second", 80_000_00));
        await factory.WithDbAsync(async db =>
        {
            await db.Conventions.Where(c => c.Id == first || c.Id == second).ExecuteUpdateAsync(s => s.SetProperty(c => c.CallForProjectsId, callId));
        });
        var tranche = (await TranchesAsync(factory, first))[0];
        await OrderAsync(agent, first, tranche.Id, "OP-2063-1", new DateOnly(2063, 2, 3));
        await PayAsync(agent, first, tranche.Id, new DateOnly(2063, 2, 4), "60 000");
        var payment = (await TranchesAsync(factory, first))[0].Payments.Single();
        await ReverseAsync(agent, first, payment.Id, new DateOnly(2063, 2, 5), "Virement rejeté");
        await PayAsync(agent, first, tranche.Id, new DateOnly(2063, 2, 6), "45 000");

        var call = await FlatTextAsync(await agent.GetAsync($"/Calls/Details/{callId}"));
        Assert.Contains("Engagé 200 000 DH Ordonnancé 60 000 DH Payé 45 000 DH Reste de l'enveloppe 300 000 DH", call, StringComparison.Ordinal);

        var committed2063 = await factory.WithDbAsync(db => db.Conventions.Where(c => c.BudgetYear == 2063 && c.Status != ConventionStatus.Draft && c.Status != ConventionStatus.Cancelled).SumAsync(c => c.TotalCentimes));
        var dashboard = await FlatTextAsync(await agent.GetAsync("/Dashboard?year=2063"));
        Assert.Equal(200_000_00L, committed2063); // no other 2063 convention in this class's database
        Assert.Contains("Engagé 200 000 DH Ordonnancé 60 000 DH", dashboard, StringComparison.Ordinal);
        Assert.Contains("Payé 45 000 DH", dashboard, StringComparison.Ordinal);
    }
}
