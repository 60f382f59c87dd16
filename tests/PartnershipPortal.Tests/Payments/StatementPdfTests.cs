using System.Net;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using UglyToad.PdfPig;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>The association's statement (PDF, its language): its conventions, the payments as recorded, the reports approved; never another's.</summary>
public sealed class StatementPdfTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<string> PdfTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return Shared.BilanText.Normalize(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
    }

    private async Task<(string Reference, string OtherReference)> PaidConventionAsync()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await SignedAsync(factory, agent, 2064, new DateOnly(2064, 1, 20), associationId, new Line("Relevé", 90_000_00));
        var tranches = await TranchesAsync(factory, id);
        await OrderAsync(agent, id, tranches[0].Id, "OP-2064-1", new DateOnly(2064, 1, 21));
        await PayAsync(agent, id, tranches[0].Id, new DateOnly(2064, 1, 22), "45 000");
        var wrong = (await TranchesAsync(factory, id))[0].Payments.Single();
        await ReverseAsync(agent, id, wrong.Id, new DateOnly(2064, 1, 23), "Compte erroné");
        await PayAsync(agent, id, tranches[0].Id, new DateOnly(2064, 1, 24), "45 000");
        await ApproveFinalReportAsync(factory, id);
        await OrderAsync(agent, id, tranches[1].Id, "OP-2064-2", new DateOnly(2065, 3, 1));
        await PayAsync(agent, id, tranches[1].Id, new DateOnly(2065, 3, 2), "45 000");

        var otherId = await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await SignedAsync(factory, agent, 2064, new DateOnly(2064, 1, 25), otherId, new Line("Pas le leur", 10_000_00));
        return ((await LoadAsync(factory, id)).Reference, (await LoadAsync(factory, other)).Reference);
    }

    [Fact]
    public async Task The_statement_lists_the_conventions_payments_reversals_and_approved_reports_in_french_and_english()
    {
        var (reference, otherReference) = await PaidConventionAsync();
        var association = await factory.SignedInClientAsync("association@portail.test");

        var french = await PdfTextAsync(await association.GetAsync("/MonEspace/Releve"));
        Assert.Contains("Relevé des conventions, des paiements et des rapports", french, StringComparison.Ordinal);
        Shared.BilanText.AssertInOrder(french,
        [
            $"Convention {reference}, signée le 20/01/2064", "montant 90 000 DH", "reçu 90 000 DH",
            "22/01/2064 · tranche 1 · paiement 45 000 DH",
            "23/01/2064 · tranche 1 · contrepassation -45 000 DH (Compte erroné)",
            "24/01/2064 · tranche 1 · paiement 45 000 DH",
            "02/03/2065 · tranche 2 · paiement 45 000 DH",
            "Rapport final approuvé le",
        ]);
        Assert.DoesNotContain(otherReference, french, StringComparison.Ordinal);

        var english = await PdfTextAsync(await association.GetAsync("/MonEspace/Releve?culture=en"));
        Assert.Contains("Statement of agreements, payments and reports", english, StringComparison.Ordinal);
        Assert.Contains($"Agreement {reference}, signed on 20/01/2064", english, StringComparison.Ordinal);
        Assert.Contains("instalment 2 · payment 45,000 MAD", english, StringComparison.Ordinal);
        Assert.Contains("Final report approved on", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Relevé", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_arabic_statement_carries_the_amounts_in_western_digits_and_no_french()
    {
        var (reference, _) = await PaidConventionAsync();
        var association = await factory.SignedInClientAsync("association@portail.test");

        var arabic = await PdfTextAsync(await association.GetAsync("/MonEspace/Releve?culture=ar"));

        Assert.Contains(reference, arabic, StringComparison.Ordinal);
        Assert.Contains("45 000", arabic, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\u0660-\u0669\u06F0-\u06F9]", arabic);
        Assert.DoesNotContain("Relevé", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("paiement", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_do_not_download_an_associations_statement()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/MonEspace/Releve")).StatusCode);
    }
}
