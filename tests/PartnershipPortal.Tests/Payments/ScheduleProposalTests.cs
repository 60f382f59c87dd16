using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// A schedule proposed again for a signed convention that lost it, and the schedule page as the agent reads it. Each
/// convention is 100 000 DH with projects from 1 March to 31 December of its year.
/// </summary>
public sealed class ScheduleProposalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2066;

    [Fact]
    public async Task A_signed_convention_without_a_schedule_gets_one_proposed_and_what_it_still_has_is_kept()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 1));
        var reports = (await ReportsAsync(factory, id)).Select(r => (r.Id, r.Kind, r.DueDate)).ToList();
        // The schedule was deleted (a convention signed before schedules existed has none either); its reports stay.
        await factory.WithDbAsync(db => db.PaymentTranches.Where(t => t.ConventionId == id).ExecuteDeleteAsync());

        var response = await PostAsync(agent, $"/Paiements/{id}/Proposer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Half on signature (1 February), the balance on the final report's due date: 31 December plus 60 days, 1 March.
        Assert.Equal([(1, new DateOnly(Year, 2, 1), 50_000_00L, false), (2, new DateOnly(Year + 1, 3, 1), 50_000_00L, true)],
            (await TranchesAsync(factory, id)).Select(t => (t.Number, t.PlannedDate, t.PlannedAmountCentimes, t.IsBalance)));
        Assert.Equal(reports, (await ReportsAsync(factory, id)).Select(r => (r.Id, r.Kind, r.DueDate)));
        Assert.Contains("Un échéancier et les rapports attendus ont été proposés.", RecordPages.Text(await agent.PageAsync($"/Paiements/{id}")), StringComparison.Ordinal);

        // Proposed again, nothing is added twice.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Proposer")).StatusCode);
        Assert.Equal(2, (await TranchesAsync(factory, id)).Count);
        Assert.Equal(2, (await ReportsAsync(factory, id)).Count);
    }

    [Fact]
    public async Task Reports_lost_alone_are_proposed_again_without_touching_the_schedule()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 2));
        var tranches = (await TranchesAsync(factory, id)).Select(t => (t.Id, t.Version)).ToList();
        await factory.WithDbAsync(db => db.ConventionReports.Where(r => r.ConventionId == id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Proposer")).StatusCode);

        // 1 March to 31 December: 305 days, half is 152, 31 July; the final report 60 days after the end.
        Assert.Equal([(Data.Entities.ReportKind.Interim, new DateOnly(Year, 7, 31)), (Data.Entities.ReportKind.Final, new DateOnly(Year + 1, 3, 1))],
            (await ReportsAsync(factory, id)).Select(r => (r.Kind, r.DueDate)));
        Assert.Equal(tranches, (await TranchesAsync(factory, id)).Select(t => (t.Id, t.Version)));
    }

    [Fact]
    public async Task The_page_lists_the_reports_by_due_date_and_fills_the_schedule_form_with_the_stored_tranches()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 3));
        var tranches = await TranchesAsync(factory, id);

        var html = await agent.PageAsync($"/Paiements/{id}");

        // Its own two reports, the interim one (due first) before the final one; none of another convention's.
        var reports = System.Text.RegularExpressions.Regex.Match(html, "<table[^>]*id=\"reports\".*?<tbody>(.*?)</tbody>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal([$"Rapport intermédiaire 31/07/{Year} À remettre", $"Rapport final 01/03/{Year + 1} À remettre"],
            System.Text.RegularExpressions.Regex.Matches(reports, "<tr>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => System.Text.RegularExpressions.Regex.Replace(RecordPages.Text(m.Groups[1].Value), @"\s+", " ").Trim()));
        Assert.Equal(tranches[0].Id.ToString(CultureInfo.InvariantCulture), RecordPages.InputValue(html, "Schedule.Lines[0].Id"));
        Assert.Equal(tranches[1].Id.ToString(CultureInfo.InvariantCulture), RecordPages.InputValue(html, "Schedule.Lines[1].Id"));
        Assert.Equal($"{Year}-02-03", RecordPages.InputValue(html, "Schedule.Lines[0].PlannedDate"));
        Assert.Equal("50000", Digits(RecordPages.InputValue(html, "Schedule.Lines[0].Amount")));
        Assert.Equal("50000", Digits(RecordPages.InputValue(html, "Schedule.Lines[1].Amount")));
        Assert.Contains("name=\"Schedule.Lines[1].IsBalance\" value=\"true\" checked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Schedule.Lines[0].IsBalance\" value=\"true\" checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_s_warning_stays_on_the_page_until_the_schedule_is_mended_and_a_convention_without_tranches_has_none()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 4));
        var tranches = await TranchesAsync(factory, id);
        const string warning = "La première tranche (70 000 DH) dépasse 50 % du montant de la convention.";
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(agent, id, (tranches[0].Id, new DateOnly(Year, 2, 4), "70 000", false),
            (tranches[1].Id, new DateOnly(Year + 1, 3, 1), "30 000", true))).StatusCode);

        // Read again later (the message of the save is gone), the warning is still there.
        await agent.PageAsync($"/Paiements/{id}");
        Assert.Contains(warning, RecordPages.Text(await agent.PageAsync($"/Paiements/{id}")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(agent, id, (tranches[0].Id, new DateOnly(Year, 2, 4), "50 000", false),
            (tranches[1].Id, new DateOnly(Year + 1, 3, 1), "50 000", true))).StatusCode);
        await agent.PageAsync($"/Paiements/{id}");
        Assert.DoesNotContain("dépasse 50 %", RecordPages.Text(await agent.PageAsync($"/Paiements/{id}")), StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.PaymentTranches.Where(t => t.ConventionId == id).ExecuteDeleteAsync());
        Assert.DoesNotContain("n'est pas égal au montant de la convention", RecordPages.Text(await agent.PageAsync($"/Paiements/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tranches_of_a_convention_no_longer_signed_are_neither_ordered_nor_paid()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, Year, new DateOnly(Year, 2, 5));
        var first = (await TranchesAsync(factory, id))[0];
        // Set back to a draft outside the portal (an import, a repair by hand): no transition leads there.
        await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(x => x.SetProperty(c => c.Status, Data.Entities.ConventionStatus.Draft)));

        var order = await OrderAsync(agent, id, first.Id, "OP-2066-0001", new DateOnly(Year, 2, 6));

        Assert.Equal(HttpStatusCode.Conflict, order.StatusCode);
        Assert.Contains("La convention n'est pas signée : elle n'a pas encore d'échéancier.", await TextAsync(order), StringComparison.Ordinal);
        Assert.Null((await TranchesAsync(factory, id))[0].OrderedOn);
    }

    [Fact]
    public async Task An_unknown_convention_has_no_schedule_page()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/Paiements/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(agent, "/Paiements/987654/Proposer")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(agent, "/Paiements/987654/Suivi", ("agentId", ""))).StatusCode);
    }

    private static string Digits(string text) => new([.. text.Where(char.IsDigit)]);
}
