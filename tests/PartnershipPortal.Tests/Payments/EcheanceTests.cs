using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>/Echeances: what falls due within 30 days or is late, filtered by agent, region and call, and exported.</summary>
public sealed class EcheanceTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    // The follow-up is read on 10/12/2061: the 2061 conventions of ConventionTestData end on 31/12/2061.
    private static readonly DateTimeOffset Today = new(2061, 12, 10, 9, 0, 0, TimeSpan.Zero);

    private async Task<(HttpClient Agent, int Id, string AdminId)> FollowedConventionAsync()
    {
        if (factory.Clock.GetUtcNow() < Today)
        {
            factory.Clock.SetUtcNow(Today);
        }

        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1), null, new Line("Suivi de fin d'année", 80_000_00));
        var adminId = await SecurityTestKit.UserIdAsync(factory, "admin@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Paiements/{id}/Suivi", ("agentId", adminId))).StatusCode);
        return (agent, id, adminId);
    }

    [Fact]
    public async Task The_followed_conventions_late_report_tranche_to_order_and_end_are_listed_by_date_and_ordering_removes_the_tranche()
    {
        var (agent, id, adminId) = await FollowedConventionAsync();
        var reference = (await LoadAsync(factory, id)).Reference;
        var interim = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Interim);
        var first = (await TranchesAsync(factory, id))[0];

        var page = await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}"));
        var tranche = page.IndexOf("01/02/2061 En retard Tranche 1 à ordonnancer " + reference, StringComparison.Ordinal);
        var report = page.IndexOf($"{interim.DueDate:dd/MM/yyyy} En retard Rapport intermédiaire {reference}", StringComparison.Ordinal);
        var ending = page.IndexOf("31/12/2061 Fin de la convention " + reference, StringComparison.Ordinal);
        Assert.True(tranche >= 0 && report > tranche && ending > report, page);
        Assert.DoesNotContain("Rapport final", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tranche 2", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await OrderAsync(agent, id, first.Id, "OP-2061-0777", new DateOnly(2061, 12, 10))).StatusCode);
        var after = await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}"));
        Assert.DoesNotContain("Tranche 1 à ordonnancer " + reference, after, StringComparison.Ordinal);
        Assert.Contains("Rapport intermédiaire " + reference, after, StringComparison.Ordinal);

        // Another region, or another call, leaves it out.
        var elsewhere = await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}&region=DakhlaOuedEdDahab"));
        Assert.DoesNotContain(reference, elsewhere, StringComparison.Ordinal);
        var callId = await factory.WithDbAsync(db => db.Calls.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        Assert.DoesNotContain(reference, await FlatTextAsync(await agent.GetAsync($"/Echeances?callId={callId}")), StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            var convention = await db.Conventions.SingleAsync(c => c.Id == id);
            convention.CallForProjectsId = callId;
            await db.SaveChangesAsync();
        });
        Assert.Contains(reference, await FlatTextAsync(await agent.GetAsync($"/Echeances?callId={callId}&kind=Report")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_balance_is_to_order_only_from_the_approval_of_the_final_report()
    {
        var (agent, id, adminId) = await FollowedConventionAsync();
        var reference = (await LoadAsync(factory, id)).Reference;
        var tranches = await TranchesAsync(factory, id);
        // The balance planned within the horizon, so that only its release decides whether it is listed.
        Assert.Equal(HttpStatusCode.Redirect, (await ScheduleAsync(agent, id,
            (tranches[0].Id, tranches[0].PlannedDate, "40 000", false), (tranches[1].Id, new DateOnly(2061, 12, 20), "40 000", true))).StatusCode);
        var toOrder = $"20/12/2061 Tranche 2 à ordonnancer {reference}";
        Assert.DoesNotContain(toOrder, await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}&kind=TrancheToOrder")), StringComparison.Ordinal);

        // The association's part (writing and submitting the report) has its own tests: here the report is submitted as it left it.
        var final = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);
        await factory.WithDbAsync(async db =>
        {
            var report = await db.ConventionReports.SingleAsync(r => r.Id == final.Id);
            report.Status = ReportStatus.Submitted;
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(toOrder, await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}&kind=TrancheToOrder")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await agent.PostFormAsync($"/Rapports/{final.Id}", $"/Rapports/{final.Id}/Approuver", [])).StatusCode);
        Assert.Contains(toOrder, await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}&kind=TrancheToOrder")), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2061, 12, 10), (await TranchesAsync(factory, id)).Single(t => t.IsBalance).ReleasedOn);
    }

    [Fact]
    public async Task Every_page_continues_the_previous_one_in_date_order_as_the_export_lists_them()
    {
        // Eleven conventions: each kind has more lines than a page of ten, so the second page needs each kind's lines beyond the first ten.
        var (agent, _, adminId) = await FollowedConventionAsync();
        for (var i = 0; i < 10; i++)
        {
            await FollowedConventionAsync();
        }

        // The export reads every line in one query; the pages read each kind's first lines only: they must agree.
        var csv = await (await agent.GetAsync($"/Echeances/Export?agentId={adminId}&format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        Assert.True(lines.Count > 30, csv);
        var pages = new List<string>();
        for (var page = 1; page <= (lines.Count + 9) / 10; page++)
        {
            pages.Add(await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}&pageSize=10&page={page}")));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var reference = lines[i][2].Trim('"');
            var description = lines[i][1].Trim('"');
            var page = pages[i / 10];
            Assert.True(page.Contains($"{description} {reference}", StringComparison.Ordinal), $"Line {i} ({description} {reference}) is not on page {(i / 10) + 1}: {page}");
        }
    }

    [Fact]
    public async Task A_dossier_document_expiring_within_thirty_days_is_listed_under_its_association_s_region_and_calls()
    {
        await FollowedConventionAsync();
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        // Read on 10/12/2061: the bank certificate expires on the 20th, within 30 days; the other pieces in March 2062.
        var name = "Association au RIB expirant " + Guid.NewGuid().ToString("N")[..6];
        var associationId = await Files.DossierTestData.AddAssociationAsync(factory, name,
            [.. Files.DossierTestData.AllKinds(new DateOnly(2062, 3, 1), "RIB"), ("RIB", new DateOnly(2061, 12, 20))]);
        var line = $"20/12/2061 Document du dossier qui expire : Attestation bancaire (RIB) {name}";

        var page = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=DocumentExpiring&region=FesMeknes&pageSize=100"));
        Assert.Contains(line, page, StringComparison.Ordinal);
        Assert.DoesNotContain(name + " ", page.Replace(line, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await FlatTextAsync(await agent.GetAsync("/Echeances?kind=DocumentExpiring&region=Oriental&pageSize=100")), StringComparison.Ordinal);

        // Under a call, only when the association has a convention of that call.
        var callId = await factory.WithDbAsync(db => db.Calls.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var underCall = $"/Echeances?kind=DocumentExpiring&callId={callId}&pageSize=100";
        Assert.DoesNotContain(name, await FlatTextAsync(await agent.GetAsync(underCall)), StringComparison.Ordinal);
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1), associationId, new Line("Projet de l'association au RIB", 10_000_00));
        await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(x => x.SetProperty(c => c.CallForProjectsId, callId)));
        Assert.Contains(line, await FlatTextAsync(await agent.GetAsync(underCall)), StringComparison.Ordinal);

        var csv = await (await agent.GetAsync("/Echeances/Export?kind=DocumentExpiring&region=FesMeknes&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(csv.Split('\n'), x => x.Contains("Document du dossier qui expire : Attestation bancaire (RIB)", StringComparison.Ordinal) && x.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_holds_every_line_of_the_filtered_list()
    {
        var (agent, id, adminId) = await FollowedConventionAsync();
        var reference = (await LoadAsync(factory, id)).Reference;

        var csv = await (await agent.GetAsync($"/Echeances/Export?agentId={adminId}&format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(x => x.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, x => x.Contains("Tranche 1 à ordonnancer", StringComparison.Ordinal) && x.Contains("Oui", StringComparison.Ordinal));
        Assert.Contains(lines, x => x.Contains("Fin de la convention", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_terminated_conventions_report_leaves_the_unfiltered_follow_up_on_its_page_and_in_the_export()
    {
        var (agent, id, _) = await FollowedConventionAsync();
        var reference = (await LoadAsync(factory, id)).Reference;
        var line = "Rapport intermédiaire " + reference;

        // Unfiltered, the lines are kept by another rule than the filtered list's: its page is found from the export.
        async Task<List<string>> ExportAsync() =>
            (await (await agent.GetAsync("/Echeances/Export?kind=Report&format=csv")).Content.ReadAsStringAsync())
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var index = (await ExportAsync()).FindIndex(x => x.Contains(reference, StringComparison.Ordinal));
        Assert.True(index >= 0);
        var page = $"/Echeances?kind=Report&pageSize=10&page={(index / 10) + 1}";
        Assert.Contains(line, await FlatTextAsync(await agent.GetAsync(page)), StringComparison.Ordinal);

        var version = (await LoadAsync(factory, id)).Version.ToString();
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Terminate", ("Version", version), ("Date", "2061-12-10"), ("Reason", "Projet abandonné"))).StatusCode);

        Assert.DoesNotContain(await ExportAsync(), x => x.Contains(reference, StringComparison.Ordinal));
        Assert.DoesNotContain(line, await FlatTextAsync(await agent.GetAsync(page)), StringComparison.Ordinal);
        Assert.DoesNotContain(line, await FlatTextAsync(await agent.GetAsync("/Echeances?kind=Report&pageSize=100")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Associations_and_reviewers_do_not_see_the_follow_up()
    {
        var association = await factory.SignedInClientAsync("association@portail.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await association.GetAsync("/Echeances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await association.GetAsync("/Echeances/Export?format=csv")).StatusCode);
    }
}
