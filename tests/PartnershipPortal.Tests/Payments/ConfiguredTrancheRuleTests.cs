using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The portal with Rules:Tranches turned the other way: three tranches, the share on signature refused, the balance and the total only warned.</summary>
public sealed class ConfiguredRulesPortalFactory : PortalFactory
{
    public ConfiguredRulesPortalFactory()
    {
        Settings["Rules:Tranches:Shares:0"] = "30";
        Settings["Rules:Tranches:Shares:1"] = "40";
        Settings["Rules:Tranches:Shares:2"] = "30";
        Settings["Rules:Tranches:MaxOnSignaturePercent"] = "30";
        Settings["Rules:Tranches:OnSignatureShare"] = "Refuse";
        Settings["Rules:Tranches:BalanceBeforeFinalReport"] = "Warning";
        Settings["Rules:Tranches:ScheduleTotal"] = "Warning";
        Settings["Rules:Reports:InterimAtMidTerm"] = "false";
        Settings["Rules:Reports:FinalDaysAfterEnd"] = "30";
    }
}

public sealed class ConfiguredTrancheRuleTests(ConfiguredRulesPortalFactory factory) : IClassFixture<ConfiguredRulesPortalFactory>
{
    [Fact]
    public async Task The_configured_shares_and_report_delay_make_the_proposal()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1));

        // The middle tranche halfway between the signature and the final report (31/12/2061 + 30 days).

        Assert.Equal([(30_000_00L, new DateOnly(2061, 2, 1), false), (40_000_00L, new DateOnly(2061, 2, 1).AddDays((new DateOnly(2062, 1, 30).DayNumber - new DateOnly(2061, 2, 1).DayNumber) / 2), false), (30_000_00L, new DateOnly(2062, 1, 30), true)],
            (await TranchesAsync(factory, id)).Select(t => (t.PlannedAmountCentimes, t.PlannedDate, t.IsBalance)));
        Assert.Equal([(PartnershipPortal.Data.Entities.ReportKind.Final, new DateOnly(2062, 1, 30))], (await ReportsAsync(factory, id)).Select(r => (r.Kind, r.DueDate)));
    }

    [Fact]
    public async Task A_first_tranche_above_the_share_is_refused_when_the_rule_says_so()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 2));
        var t = await TranchesAsync(factory, id);

        var response = await ScheduleAsync(agent, id, (t[0].Id, t[0].PlannedDate, "30 000,01", false), (t[1].Id, t[1].PlannedDate, "39 999,99", false), (t[2].Id, t[2].PlannedDate, "30 000", true));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("La première tranche (30 000,01 DH) dépasse 30 % du montant de la convention.", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal([30_000_00L, 40_000_00L, 30_000_00L], (await TranchesAsync(factory, id)).Select(x => x.PlannedAmountCentimes));
    }

    [Fact]
    public async Task The_balance_paid_before_the_final_report_is_only_a_warning_when_the_rule_says_so()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 3));
        var balance = (await TranchesAsync(factory, id)).Single(x => x.IsBalance);

        var ordered = await OrderAsync(agent, id, balance.Id, "OP-2061-0500", new DateOnly(2061, 3, 1));
        Assert.Equal(HttpStatusCode.Redirect, ordered.StatusCode);
        var paid = await PayAsync(agent, id, balance.Id, new DateOnly(2061, 3, 2), "30 000");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var page = await TextAsync(await agent.GetAsync($"/Paiements/{id}"));
        Assert.Contains("Le paiement a été enregistré. Attention : le solde est réglé avant l'approbation du rapport final.", page, StringComparison.Ordinal);
        Assert.Equal(30_000_00L, (await TranchesAsync(factory, id)).Single(x => x.IsBalance).Payments.Sum(p => p.AmountCentimes));
    }

    [Fact]
    public async Task Even_when_the_total_only_warns_more_than_the_convention_is_never_ordered_nor_paid()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 4));
        var t = await TranchesAsync(factory, id);
        // 130 000 DH scheduled for 100 000 DH: saved with a warning.
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(agent, id, (t[0].Id, t[0].PlannedDate, "30 000", false), (t[1].Id, t[1].PlannedDate, "70 000", false), (t[2].Id, t[2].PlannedDate, "30 000", true))).StatusCode);
        Assert.Contains("Le total de l'échéancier (130 000 DH) n'est pas égal au montant de la convention (100 000 DH).",
            await TextAsync(await agent.GetAsync($"/Paiements/{id}")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, t[0].Id, "OP-1", new DateOnly(2061, 2, 5))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, t[1].Id, "OP-2", new DateOnly(2061, 2, 5))).StatusCode);
        var over = await OrderAsync(agent, id, t[2].Id, "OP-3", new DateOnly(2061, 2, 5));
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains("Ordonnancer cette tranche porterait le montant ordonnancé à 130 000 DH, au-delà du montant de la convention (100 000 DH). Rien n'a été enregistré.",
            await TextAsync(over), StringComparison.Ordinal);
        Assert.Null((await TranchesAsync(factory, id))[2].OrderedOn);

        // An amendment then lowers the convention to 80 000 DH (written straight into the data): 30 000 + 70 000 can no longer both be paid.
        await factory.WithDbAsync(async db =>
        {
            var convention = await db.Conventions.Include(c => c.Projects).SingleAsync(c => c.Id == id);
            convention.Projects.Single().AmountCentimes = 80_000_00;
            convention.RecomputeTotal();
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, id, t[0].Id, new DateOnly(2061, 2, 6), "30 000")).StatusCode);
        var beyond = await PayAsync(agent, id, t[1].Id, new DateOnly(2061, 2, 6), "70 000");
        Assert.Equal(HttpStatusCode.Conflict, beyond.StatusCode);
        Assert.Contains("Ce paiement porterait le total payé à 100 000 DH, au-delà du montant de la convention (80 000 DH). Rien n'a été enregistré.",
            await TextAsync(beyond), StringComparison.Ordinal);
        Assert.Empty((await TranchesAsync(factory, id))[1].Payments);
    }
}
