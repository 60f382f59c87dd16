using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// The schedule form line by line: what a new line needs, how new tranches are numbered against the share paid on
/// signature, and from when a new balance may be ordered. Each convention is 100 000 DH, proposed as 50 000 DH on
/// signature and a 50 000 DH balance.
/// </summary>
public sealed class ScheduleLineTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2083;
    private const string FirstShareWarning = "La première tranche";

    [Fact]
    public async Task A_new_line_needs_its_date_and_an_amount_above_zero_and_below_a_hundred_million()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 1));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        var before = await ScheduleStateAsync(factory, id);

        var response = await PostAsync(agent, $"/Paiements/{id}/Echeancier",
        [
            .. ScheduleLine(0, first.Id, new DateOnly(Year, 2, 1), "50 000"),
            .. ScheduleLine(1, balance.Id, new DateOnly(Year + 1, 3, 1), "50 000"), ("Schedule.Lines[1].IsBalance", "true"),
            .. ScheduleLine(2, null, new DateOnly(Year, 6, 1), ""),
            .. ScheduleLine(3, null, null, "10 000"),
            .. ScheduleLine(4, null, new DateOnly(Year, 7, 1), "0"),
            .. ScheduleLine(5, null, new DateOnly(Year, 8, 1), "100 000 000"),
            .. ScheduleLine(6, null, new DateOnly(Year, 9, 1), "99 999 999,99"),
        ]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains("Ligne 3 : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        Assert.Contains("Ligne 4 : la date prévue est obligatoire.", text, StringComparison.Ordinal);
        Assert.Contains("Ligne 5 : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        Assert.Contains("Ligne 6 : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        // The largest amount the form takes is refused by the schedule's total only, not as an amount.
        Assert.DoesNotContain("Ligne 7 :", text, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été enregistré.", text, StringComparison.Ordinal);
        Assert.Equal(before, await ScheduleStateAsync(factory, id));
    }

    [Fact]
    public async Task An_ordered_tranche_with_an_amount_that_does_not_read_is_named_for_its_amount_only()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 2));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, first.Id, "OP-2083-0001", new DateOnly(Year, 2, 3))).StatusCode);
        var before = await ScheduleStateAsync(factory, id);

        var response = await ScheduleAsync(agent, id, (first.Id, new DateOnly(Year, 2, 2), "cinquante mille", false), (balance.Id, new DateOnly(Year + 1, 3, 1), "50 000", true));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains("Ligne 1 : le montant prévu doit être un montant positif en dirhams (par exemple 12 500).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("son montant ne change plus", text, StringComparison.Ordinal);
        Assert.Equal(before, await ScheduleStateAsync(factory, id));
    }

    [Fact]
    public async Task An_ordered_tranche_made_the_balance_is_refused_for_that_alone_not_as_a_second_balance()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 4));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, first.Id, "OP-2083-0002", new DateOnly(Year, 2, 5))).StatusCode);

        var response = await ScheduleAsync(agent, id, (first.Id, new DateOnly(Year, 2, 4), "50 000", true), (balance.Id, new DateOnly(Year + 1, 3, 1), "50 000", true));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains("La tranche 1 est ordonnancée : son montant ne change plus.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Une seule tranche peut être le solde.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_share_paid_on_signature_is_read_on_the_tranche_numbered_first_whatever_the_order_of_the_lines()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 6));
        var (first, balance) = await TwoTranchesAsync(factory, id);

        // A large tranche in the middle of the year, posted above the two stored ones: tranche 1 (20 %) is still the
        // one paid on signature, and the new line is number 3.
        var response = await ScheduleAsync(agent, id, (null, new DateOnly(Year, 7, 1), "60 000", false),
            (first.Id, new DateOnly(Year, 2, 6), "20 000", false), (balance.Id, new DateOnly(Year + 1, 3, 1), "20 000", true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([(1, 20_000_00L), (2, 20_000_00L), (3, 60_000_00L)], (await TranchesAsync(factory, id)).Select(t => (t.Number, t.PlannedAmountCentimes)));
        var page = RecordPages.Text(await agent.PageAsync($"/Paiements/{id}"));
        Assert.Contains("L'échéancier a été enregistré.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstShareWarning, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_lines_replacing_the_whole_schedule_are_numbered_in_their_order_after_the_last_number()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 7));
        var (first, balance) = await TwoTranchesAsync(factory, id);

        var response = await PostAsync(agent, $"/Paiements/{id}/Echeancier",
        [
            .. ScheduleLine(0, first.Id, new DateOnly(Year, 2, 7), "50 000"), ("Schedule.Lines[0].Remove", "true"),
            .. ScheduleLine(1, balance.Id, new DateOnly(Year + 1, 3, 1), "50 000"), ("Schedule.Lines[1].Remove", "true"),
            .. ScheduleLine(2, null, new DateOnly(Year, 2, 7), "20 000"),
            .. ScheduleLine(3, null, new DateOnly(Year, 7, 1), "20 000"),
            .. ScheduleLine(4, null, new DateOnly(Year + 1, 3, 1), "60 000"), ("Schedule.Lines[4].IsBalance", "true"),
        ]);

        // The first new line (20 %) is the one paid on signature: no warning, though the balance is 60 %.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([(3, 20_000_00L, false), (4, 20_000_00L, false), (5, 60_000_00L, true)],
            (await TranchesAsync(factory, id)).Select(t => (t.Number, t.PlannedAmountCentimes, t.IsBalance)));
        Assert.DoesNotContain(FirstShareWarning, RecordPages.Text(await agent.PageAsync($"/Paiements/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_balance_is_released_on_the_day_the_final_report_was_approved_and_not_by_an_interim_report()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 8));
        var (first, balance) = await TwoTranchesAsync(factory, id);
        await ApproveAsync(id, ReportKind.Interim, new DateTime(Year, 7, 15, 10, 0, 0, DateTimeKind.Utc));

        // The balance replaced by a new one while only the interim report is approved: not released.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Echeancier",
        [
            .. ScheduleLine(0, first.Id, new DateOnly(Year, 2, 8), "50 000"),
            .. ScheduleLine(1, balance.Id, new DateOnly(Year + 1, 3, 1), "50 000"), ("Schedule.Lines[1].Remove", "true"),
            .. ScheduleLine(2, null, new DateOnly(Year + 1, 3, 2), "50 000"), ("Schedule.Lines[2].IsBalance", "true"),
        ])).StatusCode);
        var second = (await TranchesAsync(factory, id)).Single(t => t.IsBalance);
        Assert.Equal((3, (DateOnly?)null), (second.Number, second.ReleasedOn));

        await ApproveAsync(id, ReportKind.Final, new DateTime(Year + 1, 2, 20, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Echeancier",
        [
            .. ScheduleLine(0, first.Id, new DateOnly(Year, 2, 8), "50 000"),
            .. ScheduleLine(1, second.Id, new DateOnly(Year + 1, 3, 2), "50 000"), ("Schedule.Lines[1].Remove", "true"),
            .. ScheduleLine(2, null, new DateOnly(Year + 1, 3, 3), "50 000"), ("Schedule.Lines[2].IsBalance", "true"),
        ])).StatusCode);
        var third = (await TranchesAsync(factory, id)).Single(t => t.IsBalance);
        Assert.Equal((4, (DateOnly?)new DateOnly(Year + 1, 2, 20)), (third.Number, third.ReleasedOn));
    }

    [Fact]
    public async Task The_schedule_of_an_unknown_convention_is_not_found_and_a_draft_has_none()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var draft = await AddAsync(factory, Year, ConventionStatus.Draft, new Line("Projet non signé", 100_000_00));

        Assert.Equal(HttpStatusCode.NotFound, (await ScheduleAsync(agent, 987_654, (null, new DateOnly(Year, 3, 1), "100 000", false))).StatusCode);
        var refused = await ScheduleAsync(agent, draft, (null, new DateOnly(Year, 3, 1), "100 000", false));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("La convention n'est pas signée : elle n'a pas encore d'échéancier.", await TextAsync(refused), StringComparison.Ordinal);
        Assert.Empty(await TranchesAsync(factory, draft));
    }

    private Task ApproveAsync(int conventionId, ReportKind kind, DateTime atUtc) => factory.WithDbAsync(async db =>
    {
        var report = await db.ConventionReports.SingleAsync(r => r.ConventionId == conventionId && r.Kind == kind);
        (report.Status, report.ApprovedAtUtc) = (ReportStatus.Approved, atUtc);
        await db.SaveChangesAsync();
    });
}
