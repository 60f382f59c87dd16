using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// Each refusal of the schedule and money actions, through HTTP: the agent reads why, and the schedule, the orders and
/// the ledger are what they were. Every convention here is 100 000 DH signed on its own day, proposed as 50 000 DH on
/// signature and a 50 000 DH balance.
/// </summary>
public sealed class MoneyRefusalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2064;

    [Fact]
    public async Task A_schedule_with_faulty_lines_names_each_line_and_saves_nothing()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 1));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, first.Id, "OP-2064-0001", new DateOnly(Year, 2, 2))).StatusCode);
        var before = await ScheduleStateAsync(factory, id);

        var response = await PostAsync(agent, $"/Paiements/{id}/Echeancier",
        [
            .. ScheduleLine(0, first.Id, new DateOnly(Year, 2, 1), "50 000"), ("Schedule.Lines[0].Remove", "true"),
            .. ScheduleLine(1, balance.Id, null, "50 000"),
            .. ScheduleLine(2, null, new DateOnly(Year, 6, 1), "-5"),
            .. ScheduleLine(3, null, new DateOnly(Year, 7, 1), "cinq mille"),
        ]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains("La tranche 1 est ordonnancée : elle ne se retire plus de l'échéancier.", text, StringComparison.Ordinal);
        Assert.Contains("Ligne 2 : la date prévue est obligatoire.", text, StringComparison.Ordinal);
        Assert.Contains("Ligne 3 : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        Assert.Contains("Ligne 4 : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été enregistré.", text, StringComparison.Ordinal);
        Assert.Equal(before, await ScheduleStateAsync(factory, id));
    }

    [Fact]
    public async Task An_ordered_tranche_keeps_its_amount_and_only_one_tranche_is_the_balance()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 3));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        await OrderAsync(agent, id, first.Id, "OP-2064-0002", new DateOnly(Year, 2, 4));
        var before = await ScheduleStateAsync(factory, id);

        var changed = await ScheduleAsync(agent, id, (first.Id, new DateOnly(Year, 2, 3), "60 000", false), (balance.Id, new DateOnly(Year + 1, 3, 1), "40 000", true));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("La tranche 1 est ordonnancée : son montant ne change plus.", await TextAsync(changed), StringComparison.Ordinal);

        var madeBalance = await ScheduleAsync(agent, id, (first.Id, new DateOnly(Year, 2, 3), "50 000", true), (balance.Id, new DateOnly(Year + 1, 3, 1), "50 000", true));
        Assert.Equal(HttpStatusCode.Conflict, madeBalance.StatusCode);
        Assert.Contains("La tranche 1 est ordonnancée : son montant ne change plus.", await TextAsync(madeBalance), StringComparison.Ordinal);

        var twoBalances = await ScheduleAsync(agent, id, (first.Id, new DateOnly(Year, 2, 3), "50 000", false),
            (balance.Id, new DateOnly(Year + 1, 3, 1), "25 000", true), (null, new DateOnly(Year + 1, 3, 2), "25 000", true));
        Assert.Equal(HttpStatusCode.Conflict, twoBalances.StatusCode);
        var text = await TextAsync(twoBalances);
        Assert.Contains("Une seule tranche peut être le solde.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("son montant ne change plus", text, StringComparison.Ordinal);
        Assert.Equal(before, await ScheduleStateAsync(factory, id));
    }

    [Fact]
    public async Task Blank_lines_and_tranches_of_another_convention_are_passed_over_and_a_new_line_is_numbered_after_the_last()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 5));
        var other = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 6));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        var othersBefore = await ScheduleStateAsync(factory, other);
        var foreign = (await TwoTranchesAsync(factory, other)).First;

        // The balance is removed and replaced by two tranches; a blank line and another convention's tranche change nothing.
        var response = await PostAsync(agent, $"/Paiements/{id}/Echeancier",
        [
            .. ScheduleLine(0, first.Id, new DateOnly(Year, 2, 5), "50 000"),
            .. ScheduleLine(1, balance.Id, new DateOnly(Year + 1, 3, 1), "50 000"), ("Schedule.Lines[1].Remove", "true"),
            .. ScheduleLine(2, null, null, ""),
            .. ScheduleLine(3, foreign.Id, new DateOnly(Year, 9, 9), "99 999"),
            .. ScheduleLine(4, null, new DateOnly(Year, 8, 1), "20 000"),
            .. ScheduleLine(5, null, new DateOnly(Year + 1, 3, 1), "30 000"), ("Schedule.Lines[5].IsBalance", "true"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(
            [(1, new DateOnly(Year, 2, 5), 50_000_00L, false), (3, new DateOnly(Year, 8, 1), 20_000_00L, false), (4, new DateOnly(Year + 1, 3, 1), 30_000_00L, true)],
            (await TranchesAsync(factory, id)).Select(t => (t.Number, t.PlannedDate, t.PlannedAmountCentimes, t.IsBalance)));
        Assert.Equal(othersBefore, await ScheduleStateAsync(factory, other));
    }

    [Fact]
    public async Task An_order_needs_its_number_and_date_and_a_tranche_is_ordered_once()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 7));
        var (first, _) = await TwoTranchesAsync(factory, id);

        var noNumber = await OrderAsync(agent, id, first.Id, "  ", new DateOnly(Year, 2, 8));
        Assert.Equal(HttpStatusCode.Conflict, noNumber.StatusCode);
        Assert.Contains("Le numéro et la date de l'ordre de paiement sont obligatoires. Rien n'a été enregistré.", await TextAsync(noNumber), StringComparison.Ordinal);
        var noDate = await PostAsync(agent, $"/Paiements/{id}/Ordonnancer", ("TrancheId", Invariant(first.Id)), ("OrderNumber", "OP-2064-0003"), ("Date", ""));
        Assert.Equal(HttpStatusCode.Conflict, noDate.StatusCode);
        Assert.Equal(((string?)null, (DateOnly?)null), Order((await TwoTranchesAsync(factory, id)).First));

        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, first.Id, "OP-2064-0003", new DateOnly(Year, 2, 8))).StatusCode);
        var again = await OrderAsync(agent, id, first.Id, "OP-2064-0004", new DateOnly(Year, 2, 9));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("La tranche 1 est déjà ordonnancée (ordre OP-2064-0003). Rien n'a été enregistré.", await TextAsync(again), StringComparison.Ordinal);
        Assert.Equal(("OP-2064-0003", (DateOnly?)new DateOnly(Year, 2, 8)), Order((await TwoTranchesAsync(factory, id)).First));
    }

    [Fact]
    public async Task A_payment_needs_a_date_and_a_positive_amount()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 9));
        var (first, _) = await TwoTranchesAsync(factory, id);
        await OrderAsync(agent, id, first.Id, "OP-2064-0005", new DateOnly(Year, 2, 10));

        foreach (var amount in new[] { "0", "-100", "cent" })
        {
            var refused = await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 11), amount);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("La date et un montant positif du paiement sont obligatoires. Rien n'a été enregistré.", await TextAsync(refused), StringComparison.Ordinal);
        }

        var noDate = await PostAsync(agent, $"/Paiements/{id}/Payer", ("TrancheId", Invariant(first.Id)), ("Date", ""), ("Amount", "100"));
        Assert.Equal(HttpStatusCode.Conflict, noDate.StatusCode);
        Assert.Empty((await TwoTranchesAsync(factory, id)).First.Payments);

        // The whole tranche, to the centime, is not "more than ordered".
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 11), "50 000")).StatusCode);
        Assert.Equal([50_000_00L], (await TwoTranchesAsync(factory, id)).First.Payments.Select(p => p.AmountCentimes));
    }

    [Fact]
    public async Task A_reversal_needs_a_reason_and_cannot_precede_the_payment_nor_be_reversed_itself()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 11));
        var (first, _) = await TwoTranchesAsync(factory, id);
        await OrderAsync(agent, id, first.Id, "OP-2064-0006", new DateOnly(Year, 2, 12));
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 20), "10 000");
        var payment = (await TwoTranchesAsync(factory, id)).First.Payments.Single();

        var noReason = await ReverseAsync(agent, id, payment.Id, new DateOnly(Year, 2, 21), "   ");
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Contains("La date et le motif de la contrepassation sont obligatoires. Rien n'a été enregistré.", await TextAsync(noReason), StringComparison.Ordinal);

        var before = await ReverseAsync(agent, id, payment.Id, new DateOnly(Year, 2, 19), "Saisie en double");
        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        Assert.Contains("La contrepassation ne peut pas précéder le paiement qu'elle corrige (20/02/2064). Rien n'a été enregistré.", await TextAsync(before), StringComparison.Ordinal);
        Assert.Single((await TwoTranchesAsync(factory, id)).First.Payments);

        // On the payment's own day it is accepted; the reversing entry itself is never reversed.
        Assert.Equal(HttpStatusCode.Redirect, (await ReverseAsync(agent, id, payment.Id, new DateOnly(Year, 2, 20), "Saisie en double")).StatusCode);
        var reversal = (await TwoTranchesAsync(factory, id)).First.Payments.Single(p => p.ReversesPaymentId == payment.Id);
        var ofReversal = await ReverseAsync(agent, id, reversal.Id, new DateOnly(Year, 2, 22), "Annuler");
        Assert.Equal(HttpStatusCode.Conflict, ofReversal.StatusCode);
        Assert.Contains("Une écriture de contrepassation ne se contrepasse pas : enregistrez un nouveau paiement. Rien n'a été enregistré.",
            await TextAsync(ofReversal), StringComparison.Ordinal);
        Assert.Equal([10_000_00L, -10_000_00L], (await TwoTranchesAsync(factory, id)).First.Payments.OrderBy(p => p.Id).Select(p => p.AmountCentimes));

        // A payment of another convention is not found under this one.
        var other = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 12));
        Assert.Equal(HttpStatusCode.NotFound, (await ReverseAsync(agent, other, payment.Id, new DateOnly(Year, 2, 23), "Ailleurs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OrderAsync(agent, other, first.Id, "OP-2064-0007", new DateOnly(Year, 2, 23))).StatusCode);
    }

    [Fact]
    public async Task The_follow_up_agent_is_an_agent_or_an_administrator_and_can_be_taken_off()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 13));
        var agentId = await UserIdAsync("agent@portail.test");

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Suivi", ("agentId", agentId))).StatusCode);
        Assert.Equal(agentId, await FollowUpAsync(id));

        foreach (var email in new[] { "association@portail.test", "manager@portail.test" })
        {
            var refused = await PostAsync(agent, $"/Paiements/{id}/Suivi", ("agentId", await UserIdAsync(email)));
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("Choisissez un agent ou un administrateur. Rien n'a été enregistré.", await TextAsync(refused), StringComparison.Ordinal);
            Assert.Equal(agentId, await FollowUpAsync(id));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Suivi", ("agentId", ""))).StatusCode);
        Assert.Null(await FollowUpAsync(id));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string?, DateOnly?) Order(PaymentTranche tranche) => (tranche.OrderNumber, tranche.OrderedOn);

    private Task<string> UserIdAsync(string email) => factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<string?> FollowUpAsync(int conventionId) =>
        factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == conventionId).Select(c => c.FollowUpAgentId).SingleAsync());
}
