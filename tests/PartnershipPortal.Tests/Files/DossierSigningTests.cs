using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Files.DossierTestData;

namespace PartnershipPortal.Tests.Files;

/// <summary>What the association's legal dossier does to a signature, by Rules:RequireCompleteDossier.</summary>
internal static class DossierSigning
{
    public const string ExpiredMessage = "Le dossier juridique de l'association contient une pièce expirée.";
    public const string MissingMessage = "Le dossier juridique de l'association est incomplet : une ou plusieurs pièces manquent.";

    // Dates far from any day the tests run: the one with the RIB of 2001 is expired, the others valid, whatever the clock.
    public static readonly DateOnly LongValid = new(2099, 12, 31);
    public static readonly DateOnly LongExpired = new(2001, 1, 31);

    /// <summary>Three associations with a draft convention each: dossier complete, with an expired piece, with a missing one.</summary>
    public static async Task<(int Complete, int Expired, int Missing)> DraftsAsync(PortalFactory factory, string prefix)
    {
        var complete = await AddAssociationAsync(factory, $"{prefix} complète", AllKinds(LongValid));
        var expired = await AddAssociationAsync(factory, $"{prefix} au RIB périmé", AllKinds(LongValid, "RIB").Append(("RIB", LongExpired)).ToArray());
        var missing = await AddAssociationAsync(factory, $"{prefix} sans statuts", AllKinds(LongValid, "STATUTS"));
        return (await DraftAsync(factory, complete), await DraftAsync(factory, expired), await DraftAsync(factory, missing));
    }

    public static Task<HttpResponseMessage> SignAsync(HttpClient client, int id, Guid version) =>
        PostAsync(client, $"/Conventions/Transition/{id}?transition=Sign",
            ("Version", version.ToString()), ("Date", "2071-03-15"));

    public static Task<bool> TransitionAuditedAsync(PortalFactory factory, int id) => factory.WithDbAsync(db => db.AuditEntries
        .AnyAsync(a => a.Action == AuditActions.Transition && a.EntityType == "Convention" && a.EntityId == id.ToString(CultureInfo.InvariantCulture)));

    private static Task<int> DraftAsync(PortalFactory factory, int associationId) =>
        AddAsync(factory, 2071, ConventionStatus.Draft, associationId, internalNotes: null, message: null, new Line("Bibliothèque de quartier", 40_000_00));
}

/// <summary>Without Rules:RequireCompleteDossier (the default) the signing page warns and the signature goes through.</summary>
public sealed class DossierSigningWarningTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_incomplete_or_expired_dossier_is_named_on_the_signing_page_and_the_convention_is_signed()
    {
        var (complete, expired, missing) = await DossierSigning.DraftsAsync(factory, "Association avertie");
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        foreach (var (id, warning) in new[] { (expired, DossierSigning.ExpiredMessage), (missing, DossierSigning.MissingMessage), (complete, null) })
        {
            var page = RecordPages.Text(await agent.PageAsync($"/Conventions/Transition/{id}?transition=Sign"));
            if (warning is null)
            {
                Assert.DoesNotContain("Attention avant de signer", page, StringComparison.Ordinal);
                Assert.DoesNotContain("Le dossier juridique de l'association", page, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Attention avant de signer", page, StringComparison.Ordinal);
                Assert.Contains(warning, page, StringComparison.Ordinal);
                Assert.DoesNotContain("Action impossible", page, StringComparison.Ordinal);
            }

            var response = await DossierSigning.SignAsync(agent, id, (await LoadAsync(factory, id)).Version);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var signed = await LoadAsync(factory, id);
            Assert.Equal((ConventionStatus.Signed, new DateOnly(2071, 3, 15)), (signed.Status, signed.SigningDate!.Value));
            Assert.True(await DossierSigning.TransitionAuditedAsync(factory, id));
        }
    }
}

/// <summary>With Rules:RequireCompleteDossier=true an incomplete or expired dossier refuses the signature and changes nothing.</summary>
public sealed class DossierSigningRefusalTests(DossierSigningRefusalTests.RequireCompleteDossierFactory factory)
    : IClassFixture<DossierSigningRefusalTests.RequireCompleteDossierFactory>
{
    public sealed class RequireCompleteDossierFactory : PortalFactory
    {
        public RequireCompleteDossierFactory() => Settings["Rules:RequireCompleteDossier"] = "true";
    }

    [Fact]
    public async Task An_incomplete_or_expired_dossier_refuses_the_signature_and_a_complete_one_signs()
    {
        var (complete, expired, missing) = await DossierSigning.DraftsAsync(factory, "Association exigée");
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        foreach (var (id, refusal) in new[] { (expired, DossierSigning.ExpiredMessage), (missing, DossierSigning.MissingMessage) })
        {
            var page = await agent.PageAsync($"/Conventions/Transition/{id}?transition=Sign");
            Assert.Contains("Action impossible", RecordPages.Text(page), StringComparison.Ordinal);
            Assert.Contains(refusal, RecordPages.Text(page), StringComparison.Ordinal);
            Assert.DoesNotContain("data-confirm-transition", page, StringComparison.Ordinal);
            var before = await LoadAsync(factory, id);

            // Posted by hand all the same.
            var response = await DossierSigning.SignAsync(agent, id, before.Version);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var text = await TextAsync(response);
            Assert.Contains(refusal, text, StringComparison.Ordinal);
            Assert.Contains("Action impossible", text, StringComparison.Ordinal);
            var after = await LoadAsync(factory, id);
            Assert.Equal((ConventionStatus.Draft, before.Version, (DateOnly?)null), (after.Status, after.Version, after.SigningDate));
            Assert.False(await DossierSigning.TransitionAuditedAsync(factory, id));
        }

        var signing = await agent.PageAsync($"/Conventions/Transition/{complete}?transition=Sign");
        Assert.DoesNotContain("Le dossier juridique de l'association", RecordPages.Text(signing), StringComparison.Ordinal);
        var signed = await DossierSigning.SignAsync(agent, complete, (await LoadAsync(factory, complete)).Version);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal(ConventionStatus.Signed, (await LoadAsync(factory, complete)).Status);
    }
}
