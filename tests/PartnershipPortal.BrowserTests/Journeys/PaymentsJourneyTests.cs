using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Data.Entities;
using UglyToad.PdfPig;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// Signing proposes a schedule; the first tranche is paid; the association submits its final report, staff return it,
/// the association submits it again, staff approve it; the balance is paid; the association's statement lists it all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentsJourneyTests(PortalServer server)
{
    private const int Year = 2045;
    private const string AssociationAccount = "association@portail.test";

    [BrowserFact]
    public async Task From_signature_to_the_balance_the_money_and_the_final_report_are_followed_and_the_statement_lists_them()
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (id, reference) = await DraftAsync($"Alphabétisation {unique}");
        var agent = await server.SignedInPageAsync("agent@portail.test");

        // Signing, from the convention's page.
        await agent.GotoAsync($"/Conventions/Details/{id}");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Signer", Exact = true }).ClickAsync();
        await agent.GetByLabel("Date de signature").FillAsync($"{Year}-02-10");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Confirmer : Signer" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync($"La convention {reference} est maintenant « Signée ».");

        // The proposed schedule: half on signature, the balance when the final report is due (31/12/2045 + 60 days).
        await agent.GetByRole(AriaRole.Link, new() { Name = "Échéancier, paiements et rapports de la convention" }).ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex($@"/Paiements/{id}$"));
        var first = agent.Locator("tr[data-tranche='1']");
        var balance = agent.Locator("tr[data-tranche='2']");
        await Assertions.Expect(first).ToContainTextAsync("10/02/2045");
        await Assertions.Expect(first).ToContainTextAsync("60 000 DH");
        await Assertions.Expect(balance).ToContainTextAsync("Solde");
        await Assertions.Expect(balance).ToContainTextAsync("01/03/2046");

        // The first tranche ordered and paid.
        await first.GetByLabel("Numéro de l'ordre de paiement").FillAsync($"OP-{unique}-1");
        await first.GetByLabel("Date de l'ordre").FillAsync($"{Year}-02-12");
        await first.GetByRole(AriaRole.Button, new() { Name = "Ordonnancer" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("L'ordre de paiement a été enregistré.");
        await first.GetByLabel("Date du paiement").FillAsync($"{Year}-02-15");
        await first.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("Le paiement a été enregistré.");
        await Assertions.Expect(agent.Locator("#paid")).ToHaveTextAsync("60 000 DH");

        // The association submits its final report.
        var association = await server.SignedInPageAsync(AssociationAccount);
        await association.GetByRole(AriaRole.Link, new() { Name = "Paiements et rapports" }).ClickAsync();
        var section = association.Locator($"section[data-convention='{reference}']");
        await Assertions.Expect(section).ToContainTextAsync("reçu : 60 000 DH");
        await section.GetByRole(AriaRole.Link, new() { Name = "Rapport final" }).ClickAsync();
        await association.GetByLabel("Activités réalisées").FillAsync($"Vingt séances d'alphabétisation {unique}.");
        await association.GetByLabel("Femmes").FillAsync("35");
        // An amount in words is refused: the line is marked, its message read with the field, the rest kept as typed.
        var spent = association.GetByLabel($"Alphabétisation {unique}");
        await spent.FillAsync("cent mille");
        await association.GetByRole(AriaRole.Button, new() { Name = "Remettre le rapport" }).ClickAsync();
        await Assertions.Expect(spent).ToHaveAccessibleDescriptionAsync(
            $"Le montant dépensé sur la ligne « Alphabétisation {unique} » n'est pas un montant en dirhams (par exemple 12 500).");
        await Assertions.Expect(spent).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(association.GetByLabel("Femmes")).ToHaveValueAsync("35");
        await PortalServer.ScreenshotAsync(association, "report-refused-line");
        await spent.FillAsync("118 000");
        await association.GetByRole(AriaRole.Button, new() { Name = "Remettre le rapport" }).ClickAsync();
        await Assertions.Expect(association.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre rapport est remis au ministère.");
        await Assertions.Expect(association.Locator("#status")).ToHaveTextAsync("Remis, en examen");
        var reportUrl = association.Url;

        // Staff return it with a comment.
        await agent.GetByRole(AriaRole.Link, new() { Name = "Rapport final" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#narrative")).ToContainTextAsync(unique);
        await agent.GetByLabel("Commentaire").FillAsync("Joignez les listes de présence.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Renvoyer pour compléments" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#status")).ToHaveTextAsync("Renvoyé pour compléments");

        // The association completes it and submits it again.
        await association.GotoAsync(reportUrl);
        await Assertions.Expect(association.Locator("#thread")).ToContainTextAsync("Joignez les listes de présence.");
        await association.GetByLabel("Message au ministère").FillAsync("Listes de présence ajoutées au rapport.");
        await association.GetByRole(AriaRole.Button, new() { Name = "Remettre le rapport" }).ClickAsync();
        await Assertions.Expect(association.Locator("#status")).ToHaveTextAsync("Remis, en examen");

        // Staff approve it: the balance is released, ordered and paid.
        await agent.ReloadAsync();
        await Assertions.Expect(agent.Locator("#thread")).ToContainTextAsync("Listes de présence ajoutées au rapport.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#status")).ToHaveTextAsync("Approuvé");
        await agent.GotoAsync($"/Paiements/{id}");
        await balance.GetByLabel("Numéro de l'ordre de paiement").FillAsync($"OP-{unique}-2");
        await balance.GetByLabel("Date de l'ordre").FillAsync("2046-03-20");
        await balance.GetByRole(AriaRole.Button, new() { Name = "Ordonnancer" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("L'ordre de paiement a été enregistré.");
        await balance.GetByLabel("Date du paiement").FillAsync("2046-03-25");
        await balance.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#paid")).ToHaveTextAsync("120 000 DH");
        await Assertions.Expect(agent.Locator("#remaining")).ToHaveTextAsync("0 DH");
        await agent.Context.CloseAsync();

        // The statement lists it all.
        await association.GotoAsync("/MonEspace/Rapports");
        var download = await association.RunAndWaitForDownloadAsync(() => association.GetByRole(AriaRole.Link, new() { Name = "Télécharger le relevé (PDF)" }).ClickAsync());
        using (var pdf = PdfDocument.Open(await download.PathAsync()))
        {
            var text = BilanText.Normalize(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
            BilanText.AssertInOrder(text,
            [
                $"Convention {reference}, signée le 10/02/2045", "reçu 120 000 DH",
                "15/02/2045 · tranche 1 · paiement 60 000 DH",
                "25/03/2046 · tranche 2 · paiement 60 000 DH",
                "Rapport final approuvé le",
            ]);
        }

        await association.Context.CloseAsync();
    }

    private Task<(int Id, string Reference)> DraftAsync(string title) => server.WithDbAsync(async db =>
    {
        var associationId = await db.Users.AsNoTracking().Where(u => u.Email == AssociationAccount).Select(u => u.AssociationId!.Value).SingleAsync();
        var domain = await db.Domains.SingleAsync(d => d.Code == "EDU");
        var sequence = (await db.Conventions.Where(c => c.BudgetYear == Year).MaxAsync(c => (int?)c.Sequence) ?? 0) + 1;
        var convention = new Convention
        {
            Reference = Convention.FormatReference(Year, sequence), BudgetYear = Year, Sequence = sequence, AssociationId = associationId,
            Projects =
            [
                new Project
                {
                    Title = title, BudgetYear = Year, Domain = domain, City = "Tanger", AmountCentimes = 120_000_00,
                    StartDate = new DateOnly(Year, 3, 1), EndDate = new DateOnly(Year, 12, 31),
                },
            ],
        };
        convention.RecomputeTotal();
        db.Conventions.Add(convention);
        await db.SaveChangesAsync();
        return (convention.Id, convention.Reference);
    });
}
