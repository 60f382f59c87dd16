using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Files.DossierTestData;

namespace PartnershipPortal.Tests.Files;

/// <summary>
/// The administrator extends the dossier's list of pieces: a new required kind makes every dossier incomplete until it
/// is uploaded, a deactivated kind stops counting. Its own portal: the kinds it adds would change other tests' dossiers.
/// </summary>
public sealed class DocumentKindTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NameFr = "Attestation de régularité fiscale";

    private static (string, string)[] Fields(string code, bool active, string? version = null) =>
    [
        ("Form.Code", code), ("Form.NameFr", NameFr), ("Form.NameAr", "شهادة الوضعية الجبائية"), ("Form.NameEn", "Tax clearance certificate"),
        ("Form.DisplayOrder", "7"), ("Form.HasValidity", "true"), ("Form.IsRequired", "true"), ("Form.IsActive", active ? "true" : "false"),
        ("Form.Version", version ?? Guid.Empty.ToString()),
    ];

    [Fact]
    public async Task A_new_required_kind_counts_in_every_dossier_until_it_is_deactivated()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");
        var demoId = await FileTestKit.DemoAssociationIdAsync(factory);
        var details = $"/Associations/Details/{demoId}";
        var demoName = await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == demoId).Select(a => a.Name).SingleAsync());
        var draft = await Conventions.ConventionTestData.AddAsync(factory, 2072, ConventionStatus.Draft, demoId, null, null,
            new Conventions.ConventionTestData.Line("Permanence juridique", 12_000_00));
        var signing = $"/Conventions/Transition/{draft}?transition=Sign";
        Assert.Equal("Document expiré", StateBadge(await agent.PageAsync(details)));

        var created = await admin.PostAsync("/DocumentKinds/Create", Fields("attestation-fiscale", active: true));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var kind = await factory.WithDbAsync(db => db.DocumentKinds.AsNoTracking().SingleAsync(k => k.NameFr == NameFr));
        Assert.Equal(("ATTESTATION-FISCALE", true, true), (kind.Code, kind.HasValidity, kind.IsRequired));
        Assert.Contains(NameFr, RecordPages.Text(await admin.PageAsync("/DocumentKinds")), StringComparison.Ordinal);
        var page = await agent.PageAsync(details);
        Assert.Equal("Incomplet", StateBadge(page));
        Assert.Equal("Incomplet", LineState(page, kind.Id));
        Assert.Contains(demoName, await ListedAsync(agent, "Missing", demoName), StringComparison.Ordinal);
        Assert.DoesNotContain(demoName, await ListedAsync(agent, "Expired", demoName), StringComparison.Ordinal);
        Assert.Contains(DossierSigning.MissingMessage, RecordPages.Text(await agent.PageAsync(signing)), StringComparison.Ordinal);
        // The association is asked for it on its own page, with the date the kind needs.
        var own = await association.PageAsync(FileTestKit.DossierUrl);
        Assert.Contains(NameFr, RecordPages.Text(own), StringComparison.Ordinal);
        Assert.Contains($"id=\"valid-{kind.Id}\"", own, StringComparison.Ordinal);

        var duplicate = await admin.PostAsync("/DocumentKinds/Create", Fields("ATTESTATION-FISCALE", active: true));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains($"Le code ATTESTATION-FISCALE est déjà celui de la pièce « {NameFr} ».", RecordPages.Text(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.DocumentKinds.CountAsync(k => k.Code == "ATTESTATION-FISCALE")));

        var edit = await admin.PageAsync($"/DocumentKinds/Edit/{kind.Id}");
        var deactivated = await admin.PostAsync($"/DocumentKinds/Edit/{kind.Id}", Fields("ATTESTATION-FISCALE", active: false, RecordPages.InputValue(edit, "Form.Version")));

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        page = await agent.PageAsync(details);
        Assert.Equal("Document expiré", StateBadge(page));
        Assert.DoesNotContain(NameFr, RecordPages.Text(page), StringComparison.Ordinal);
        Assert.Contains(demoName, await ListedAsync(agent, "Expired", demoName), StringComparison.Ordinal);
        Assert.DoesNotContain(demoName, await ListedAsync(agent, "Missing", demoName), StringComparison.Ordinal);
        Assert.Contains(DossierSigning.ExpiredMessage, RecordPages.Text(await agent.PageAsync(signing)), StringComparison.Ordinal);
        Assert.DoesNotContain(NameFr, RecordPages.Text(await association.PageAsync(FileTestKit.DossierUrl)), StringComparison.Ordinal);
    }

    /// <summary>The text of the association list filtered on a dossier state and searched by the association's name.</summary>
    private static async Task<string> ListedAsync(HttpClient client, string state, string name) =>
        RecordPages.Text(await client.PageAsync($"/Associations?dossier={state}&q={Uri.EscapeDataString(name)}"));
}
