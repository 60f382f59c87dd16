using System.Net;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Files;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>What a report's pages show of its own convention only: payments received, attachments, and the balance its approval releases.</summary>
public sealed class ReportPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Year = 2068;

    [Fact]
    public async Task The_association_reads_the_sum_of_the_payments_received_on_its_convention()
    {
        var (agent, association, id) = await ConventionAsync(new DateOnly(Year, 2, 1));
        var first = (await TranchesAsync(factory, id))[0];
        await OrderAsync(agent, id, first.Id, "OP-2068-0001", new DateOnly(Year, 2, 2));
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 3), "10 000");
        await PayAsync(agent, id, first.Id, new DateOnly(Year, 2, 4), "15 000");
        var reference = (await LoadAsync(factory, id)).Reference;

        var list = await FlatTextAsync(await association.GetAsync("/MonEspace/Rapports"));

        Assert.Matches($"Convention {reference}.*?reçu : 25 000 DH", list);
    }

    [Fact]
    public async Task A_report_shows_its_own_attachments_and_refuses_a_program()
    {
        var (_, association, id) = await ConventionAsync(new DateOnly(Year, 2, 5));
        var reports = await ReportsAsync(factory, id);
        var (interim, final) = (reports.Single(r => r.Kind == ReportKind.Interim), reports.Single(r => r.Kind == ReportKind.Final));
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, interim.Id, "presences-mi-parcours.pdf")).StatusCode);

        var program = await AttachAsync(association, final.Id, "rapport.pdf", FileTestKit.Executable());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, program.StatusCode);
        Assert.Contains("Un programme ne peut pas être déposé, quel que soit son nom.", await TextAsync(program), StringComparison.Ordinal);

        Assert.Contains("presences-mi-parcours.pdf", await TextAsync(await association.GetAsync($"/MonEspace/Rapports/{interim.Id}")), StringComparison.Ordinal);
        Assert.DoesNotContain("presences-mi-parcours.pdf", await TextAsync(await association.GetAsync($"/MonEspace/Rapports/{final.Id}")), StringComparison.Ordinal);
        Assert.DoesNotContain("rapport.pdf", await TextAsync(await association.GetAsync($"/MonEspace/Rapports/{final.Id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_final_report_releases_its_own_convention_s_balance_only()
    {
        var (agent, association, id) = await ConventionAsync(new DateOnly(Year, 2, 7));
        var (_, _, other) = await ConventionAsync(new DateOnly(Year, 2, 8));
        var final = (await ReportsAsync(factory, id)).Single(r => r.Kind == ReportKind.Final);
        var url = $"/MonEspace/Rapports/{final.Id}";
        var version = (await PaymentTestKit.ReportAsync(factory, final.Id)).Version.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await association.PostFormAsync(url, url,
            [new("intent", "submit"), new("Form.Version", version), new("Form.Narrative", "Bilan final"), new("Form.Spent[0]", "50 000")])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(agent, final.Id, "Approuver", null)).StatusCode);

        Assert.NotNull((await TranchesAsync(factory, id)).Single(t => t.IsBalance).ReleasedOn);
        Assert.Null((await TranchesAsync(factory, other)).Single(t => t.IsBalance).ReleasedOn);
    }

    /// <summary>A convention of the demo association, one 50 000 DH project, signed by the agent on <paramref name="signed"/>.</summary>
    private async Task<(HttpClient Agent, HttpClient Association, int Id)> ConventionAsync(DateOnly signed)
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");
        var id = await SignedAsync(factory, agent, Year, signed, await SecurityTestKit.DemoAssociationIdAsync(factory), new Line("Projet suivi", 50_000_00));
        return (agent, association, id);
    }
}
