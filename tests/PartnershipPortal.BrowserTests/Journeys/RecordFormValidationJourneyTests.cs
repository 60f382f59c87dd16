using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// A record form sent with bad input comes back with French messages next to the fields, keeps what was typed and
/// saves nothing. The values pass the browser's own checks (required, type=email), so these are the server's answers.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordFormValidationJourneyTests(PortalServer server)
{
    [BrowserFact]
    public async Task A_new_association_with_bad_input_shows_French_messages_by_the_fields_keeps_the_values_and_saves_nothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var taken = await server.WithDbAsync(db => db.Associations.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { a.RegistrationNumber, a.Name, a.City }).FirstAsync());
        var before = await server.WithDbAsync(db => db.Associations.CountAsync());
        var page = await server.SignedInPageAsync("agent@portail.test");

        await page.GotoAsync("/Associations/Create");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("   ");
        await page.GetByLabel("Numéro d'enregistrement").FillAsync($"TNG-{unique}");
        await page.GetByLabel("Ville").FillAsync("Tanger");
        await page.GetByLabel("Région").SelectOptionAsync(new SelectOptionValue { Label = "Tanger-Tétouan-Al Hoceïma" });
        await page.GetByLabel("Téléphone").FillAsync("zéro cinq trente-neuf");
        await page.GetByLabel("Personne de contact").FillAsync("Youssef Amrani");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le formulaire contient des erreurs ; rien n'a été enregistré.");
        await Assertions.Expect(Message(page, "Form.Name")).ToHaveTextAsync("Le nom est obligatoire.");
        await Assertions.Expect(Message(page, "Form.Phone")).ToHaveTextAsync("Le téléphone ne contient que des chiffres, espaces et + ( ) . -");
        await Assertions.Expect(Message(page, "Form.City")).ToBeEmptyAsync();
        await Assertions.Expect(page.GetByLabel("Numéro d'enregistrement")).ToHaveValueAsync($"TNG-{unique}");
        await Assertions.Expect(page.GetByLabel("Ville")).ToHaveValueAsync("Tanger");
        await Assertions.Expect(page.GetByLabel("Région")).ToHaveValueAsync("TangerTetouanAlHoceima");
        await Assertions.Expect(page.GetByLabel("Téléphone")).ToHaveValueAsync("zéro cinq trente-neuf");
        await Assertions.Expect(page.GetByLabel("Personne de contact")).ToHaveValueAsync("Youssef Amrani");
        await PortalServer.ScreenshotAsync(page, "association-create-errors");

        // Corrected, but with a registration number another association already has.
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync($"Association Détroit Solidaire {unique}");
        await page.GetByLabel("Téléphone").FillAsync("+212 539 00 00 00");
        await page.GetByLabel("Numéro d'enregistrement").FillAsync(taken.RegistrationNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Assertions.Expect(Message(page, "Form.RegistrationNumber")).ToHaveTextAsync(
            $"Le numéro d'enregistrement {taken.RegistrationNumber} est déjà celui de l'association « {taken.Name} » ({taken.City}).");
        await Assertions.Expect(page.GetByLabel("Nom", new() { Exact = true })).ToHaveValueAsync($"Association Détroit Solidaire {unique}");
        await Assertions.Expect(page.GetByLabel("Téléphone")).ToHaveValueAsync("+212 539 00 00 00");

        Assert.Equal(before, await server.WithDbAsync(db => db.Associations.CountAsync()));
        await page.Context.CloseAsync();
    }

    /// <summary>The message shown under a field (asp-validation-for).</summary>
    private static ILocator Message(IPage page, string field) => page.Locator($"[data-valmsg-for='{field}']");
}
