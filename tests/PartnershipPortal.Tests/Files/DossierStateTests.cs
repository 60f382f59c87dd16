using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Files.DossierTestData;

namespace PartnershipPortal.Tests.Files;

/// <summary>
/// The dossier's state as staff see it on the association's page and filter the list on it, read against the portal's
/// own clock: the test moves the clock, the documents stay as they are.
/// </summary>
public sealed class DossierStateTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    private const string Complete = "Complet";
    private const string ExpiringSoon = "Expire dans moins de 30 jours";
    private const string Expired = "Document expiré";
    private const string Missing = "Incomplet";

    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task The_association_page_shows_complete_then_expiring_then_expired_as_the_days_pass()
    {
        var validUntil = Today.AddDays(100);
        var id = await AddAssociationAsync(factory, "Association des Horloges", AllKinds(validUntil));
        var rib = await KindIdAsync("RIB");
        var statuts = await KindIdAsync("STATUTS");

        var start = factory.Clock.GetUtcNow();
        foreach (var (days, state) in new[] { (0, Complete), (69, Complete), (71, ExpiringSoon), (100, ExpiringSoon), (101, Expired) })
        {
            factory.Clock.SetUtcNow(start.AddDays(days));
            // A session does not outlive the days the clock jumps: sign in again at each date.
            var agent = await factory.SignedInClientAsync("agent@portail.test");
            var html = await agent.PageAsync($"/Associations/Details/{id}");

            Assert.True(state == StateBadge(html), $"day {days}: {StateBadge(html)} instead of {state}");
            Assert.Equal(state, LineState(html, rib));
            // The statutes never expire: that line stays complete whatever the date.
            Assert.Equal(Complete, LineState(html, statuts));
        }
    }

    [Fact]
    public async Task A_missing_piece_makes_the_dossier_incomplete_and_outweighs_an_expired_one()
    {
        var expiredRib = AllKinds(Today.AddYears(1), "RIB", "BUREAU").Append(("RIB", Today.AddDays(-1))).ToArray();
        var id = await AddAssociationAsync(factory, "Association sans bureau", expiredRib);
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        var html = await agent.PageAsync($"/Associations/Details/{id}");

        Assert.Equal(Missing, StateBadge(html));
        Assert.Equal(Missing, LineState(html, await KindIdAsync("BUREAU")));
        Assert.Equal(Expired, LineState(html, await KindIdAsync("RIB")));
        Assert.Contains("Aucun document déposé.", RecordPages.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_association_list_filters_on_each_dossier_state()
    {
        // One association per state, all found by the one word of their names.
        var names = new Dictionary<string, string>
        {
            ["Complete"] = "Filtrodossier Alpha",
            ["ExpiringSoon"] = "Filtrodossier Beta",
            ["Expired"] = "Filtrodossier Gamma",
            ["Missing"] = "Filtrodossier Delta",
        };
        await AddAssociationAsync(factory, names["Complete"], AllKinds(Today.AddYears(1)));
        await AddAssociationAsync(factory, names["ExpiringSoon"], AllKinds(Today.AddYears(1), "PV-AG").Append(("PV-AG", Today.AddDays(10))).ToArray());
        await AddAssociationAsync(factory, names["Expired"], AllKinds(Today.AddDays(10), "RECEPISSE").Append(("RECEPISSE", Today.AddDays(-3))).ToArray());
        await AddAssociationAsync(factory, names["Missing"], AllKinds(Today.AddYears(1), "RAPPORT"));
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        var all = RecordPages.Text(await agent.PageAsync("/Associations?q=Filtrodossier"));
        Assert.All(names.Values, name => Assert.Contains(name, all, StringComparison.Ordinal));
        foreach (var (state, name) in names)
        {
            var text = RecordPages.Text(await agent.PageAsync($"/Associations?q=Filtrodossier&dossier={state}"));
            Assert.Contains(name, text, StringComparison.Ordinal);
            Assert.All(names.Values.Where(n => n != name), other => Assert.DoesNotContain(other, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_demo_association_s_dossier_has_exactly_one_expired_document_the_bank_certificate()
    {
        var demo = await FileTestKit.DemoAssociationIdAsync(factory);
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        var html = await agent.PageAsync($"/Associations/Details/{demo}");

        Assert.Equal(Expired, StateBadge(html));
        foreach (var code in Kinds)
        {
            Assert.Equal(code == "RIB" ? Expired : Complete, LineState(html, await KindIdAsync(code)));
        }
    }

    private Task<int> KindIdAsync(string code) => FileTestKit.KindIdAsync(factory, code);
}
