using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The schedule proposed at signature and the default rules of Rules:Tranches, through HTTP.</summary>
public sealed class TrancheRuleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Signing_proposes_half_on_signature_the_balance_at_the_final_report_and_the_reports_owed()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        // Projects from 01/03/2061 to 31/12/2061 (ConventionTestData); 123 457,89 DH in two projects.
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 10), null, new Line("Cours", 100_000_00), new Line("Atelier", 23_457_89));

        var reports = await ReportsAsync(factory, id);
        Assert.Equal([(ReportKind.Interim, new DateOnly(2061, 3, 1).AddDays((new DateOnly(2061, 12, 31).DayNumber - new DateOnly(2061, 3, 1).DayNumber) / 2)),
            (ReportKind.Final, new DateOnly(2061, 12, 31).AddDays(60))], reports.Select(r => (r.Kind, r.DueDate)));
        Assert.All(reports, r => Assert.Equal(ReportStatus.Due, r.Status));

        var tranches = await TranchesAsync(factory, id);
        Assert.Equal(2, tranches.Count);
        Assert.Equal((1, new DateOnly(2061, 2, 10), 61_728_00L, false), (tranches[0].Number, tranches[0].PlannedDate, tranches[0].PlannedAmountCentimes, tranches[0].IsBalance));
        Assert.Equal((2, new DateOnly(2062, 3, 1), 12_345_789L - 61_728_00L, true), (tranches[1].Number, tranches[1].PlannedDate, tranches[1].PlannedAmountCentimes, tranches[1].IsBalance));

        var page = await TextAsync(await agent.GetAsync($"/Paiements/{id}"));
        Assert.Contains("123 457,89 DH", page, StringComparison.Ordinal);
        Assert.Contains("61 728 DH", page, StringComparison.Ordinal);
        Assert.Contains("Rapport final", page, StringComparison.Ordinal);
        Assert.DoesNotContain("n'est pas égal au montant", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_whose_total_differs_from_the_convention_is_refused_and_nothing_is_saved()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 11));
        var before = await TranchesAsync(factory, id);

        var response = await ScheduleAsync(agent, id, (before[0].Id, new DateOnly(2061, 2, 11), "40 000", false), (before[1].Id, new DateOnly(2061, 9, 1), "40 000", false),
            (null, new DateOnly(2062, 3, 1), "10 000", true));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains("Le total de l'échéancier (90 000 DH) n'est pas égal au montant de la convention (100 000 DH).", text, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été enregistré.", text, StringComparison.Ordinal);
        var after = await TranchesAsync(factory, id);
        Assert.Equal(before.Select(t => (t.Id, t.PlannedAmountCentimes, t.PlannedDate, t.IsBalance, t.Version)), after.Select(t => (t.Id, t.PlannedAmountCentimes, t.PlannedDate, t.IsBalance, t.Version)));

        // The same three tranches summing to the total are saved, and audited.
        var saved = await ScheduleAsync(agent, id, (before[0].Id, new DateOnly(2061, 2, 11), "40 000", false), (before[1].Id, new DateOnly(2061, 9, 1), "40 000", false),
            (null, new DateOnly(2062, 3, 1), "20 000", true));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var three = await TranchesAsync(factory, id);
        Assert.Equal([(1, 40_000_00L, false), (2, 40_000_00L, false), (3, 20_000_00L, true)], three.Select(t => (t.Number, t.PlannedAmountCentimes, t.IsBalance)));
        var (second, third) = (three[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), three[2].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var audited = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(PaymentTranche) && (a.EntityId == second || a.EntityId == third))
            .Select(a => new { a.Action, a.UserName }).ToListAsync());
        Assert.Contains(audited, a => a.Action == AuditActions.Update && a.UserName == "agent@portail.test");
        Assert.Contains(audited, a => a.Action == AuditActions.Create && a.UserName == "agent@portail.test");
    }

    [Fact]
    public async Task A_first_tranche_above_half_is_saved_with_a_warning_by_default()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 12));
        var before = await TranchesAsync(factory, id);

        var response = await ScheduleAsync(agent, id, (before[0].Id, new DateOnly(2061, 2, 12), "70 000", false), (before[1].Id, new DateOnly(2062, 3, 1), "30 000", true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([70_000_00L, 30_000_00L], (await TranchesAsync(factory, id)).Select(t => t.PlannedAmountCentimes));
        var page = await TextAsync(await agent.GetAsync($"/Paiements/{id}"));
        Assert.Contains("La première tranche (70 000 DH) dépasse 50 % du montant de la convention.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_balance_is_neither_ordered_nor_paid_before_the_final_report_is_approved()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 13));
        var balance = (await TranchesAsync(factory, id)).Single(t => t.IsBalance);

        var refused = await OrderAsync(agent, id, balance.Id, "OP-2061-0099", new DateOnly(2061, 6, 1));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Le solde ne se règle qu'après l'approbation du rapport final. Rien n'a été enregistré.", await TextAsync(refused), StringComparison.Ordinal);
        var stored = (await TranchesAsync(factory, id)).Single(t => t.IsBalance);
        Assert.Equal(((string?)null, (DateOnly?)null), (stored.OrderNumber, stored.OrderedOn));

        await ApproveFinalReportAsync(factory, id);
        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, balance.Id, "OP-2061-0099", new DateOnly(2062, 3, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, id, balance.Id, new DateOnly(2062, 3, 5), "50 000")).StatusCode);
        Assert.Equal(50_000_00L, (await TranchesAsync(factory, id)).Single(t => t.IsBalance).Payments.Sum(p => p.AmountCentimes));
    }

    [Fact]
    public async Task More_than_ordered_or_than_the_convention_is_never_paid_and_an_unordered_tranche_is_not_paid()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 14));
        var first = (await TranchesAsync(factory, id))[0];

        var unordered = await PayAsync(agent, id, first.Id, new DateOnly(2061, 2, 20), "10 000");
        Assert.Equal(HttpStatusCode.Conflict, unordered.StatusCode);
        Assert.Contains("La tranche 1 n'est pas ordonnancée", await TextAsync(unordered), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, first.Id, "OP-2061-0001", new DateOnly(2061, 2, 15))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, id, first.Id, new DateOnly(2061, 2, 20), "30 000")).StatusCode);

        var over = await PayAsync(agent, id, first.Id, new DateOnly(2061, 2, 21), "20 000,01");
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains("Ce paiement porterait le montant payé de la tranche 1 à 50 000,01 DH, au-delà du montant ordonnancé (50 000 DH). Rien n'a été enregistré.",
            await TextAsync(over), StringComparison.Ordinal);
        var payments = (await TranchesAsync(factory, id))[0].Payments;
        Assert.Equal([30_000_00L], payments.Select(p => p.AmountCentimes));

        var again = await OrderAsync(agent, id, first.Id, "OP-2061-0002", new DateOnly(2061, 2, 16));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("OP-2061-0001", (await TranchesAsync(factory, id))[0].OrderNumber);

        var page = await FlatTextAsync(await agent.GetAsync($"/Paiements/{id}"));
        Assert.Contains("Reste à payer 70 000 DH", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_is_corrected_by_a_reversing_entry_that_names_it_and_never_edited()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 15));
        var first = (await TranchesAsync(factory, id))[0];
        await OrderAsync(agent, id, first.Id, "OP-2061-0003", new DateOnly(2061, 2, 15));
        await PayAsync(agent, id, first.Id, new DateOnly(2061, 2, 20), "5 000");
        var wrong = (await TranchesAsync(factory, id))[0].Payments.Single();

        Assert.Equal(HttpStatusCode.Redirect, (await ReverseAsync(agent, id, wrong.Id, new DateOnly(2061, 2, 21), "Montant saisi par erreur")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PayAsync(agent, id, first.Id, new DateOnly(2061, 2, 21), "50 000")).StatusCode);

        var ledger = (await TranchesAsync(factory, id))[0].Payments.OrderBy(p => p.Id).ToList();
        Assert.Equal([(5_000_00L, (int?)null, (string?)null), (-5_000_00L, wrong.Id, "Montant saisi par erreur"), (50_000_00L, null, null)],
            ledger.Select(p => (p.AmountCentimes, p.ReversesPaymentId, p.Reason)));
        Assert.Equal((wrong.AmountCentimes, wrong.PaidOn, wrong.Version), (ledger[0].AmountCentimes, ledger[0].PaidOn, ledger[0].Version));

        var twice = await ReverseAsync(agent, id, wrong.Id, new DateOnly(2061, 2, 22), "Encore");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Ce paiement a déjà été contrepassé.", await TextAsync(twice), StringComparison.Ordinal);
        var ofReversal = await ReverseAsync(agent, id, ledger[1].Id, new DateOnly(2061, 2, 22), "Annuler l'annulation");
        Assert.Equal(HttpStatusCode.Conflict, ofReversal.StatusCode);
        Assert.Equal(3, (await TranchesAsync(factory, id))[0].Payments.Count);

        // Each entry was created, and none was ever updated or deleted.
        var ids = ledger.Select(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(TranchePayment) && ids.Contains(a.EntityId!)).Select(a => new { a.EntityId, a.Action }).ToListAsync());
        Assert.Equal(ids.Order().Select(i => (i, AuditActions.Create)), audit.Select(a => (a.EntityId!, a.Action)).OrderBy(a => a.Item1));
        Assert.Contains("Reste à payer 50 000 DH", await FlatTextAsync(await agent.GetAsync($"/Paiements/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_has_no_schedule_and_managers_only_read()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var draft = await AddAsync(factory, 2061, ConventionStatus.Draft, new Line("Brouillon", 10_000_00));
        var refused = await PostAsync(agent, $"/Paiements/{draft}/Proposer");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("La convention n'est pas signée", await TextAsync(refused), StringComparison.Ordinal);
        Assert.Empty(await TranchesAsync(factory, draft));

        var manager = await factory.SignedInClientAsync("manager@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 16));
        var page = await manager.GetAsync($"/Paiements/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = await TextAsync(page);
        Assert.Contains("Paiements et rapports de la convention", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ordonnancer", text, StringComparison.Ordinal);
    }
}
