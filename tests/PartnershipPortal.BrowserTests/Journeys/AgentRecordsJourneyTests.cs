using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// An agent records a new association and its convention for a year nobody else uses, with two projects in two domains,
/// then finds them again through the lists' search and filters.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AgentRecordsJourneyTests(PortalServer server)
{
    private const int Year = 2031;

    [BrowserFact]
    public async Task An_agent_creates_an_association_and_a_convention_with_two_projects_and_finds_them_in_the_lists()
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var name = $"Association Passerelles Oujda {unique}";
        var (education, holidays) = await server.WithDbAsync(async db =>
        {
            var names = await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.NameFr);
            return (names["EDU"], names["CAMP"]);
        });
        var page = await server.SignedInPageAsync("agent@portail.test");

        // The association, from the list's button; the form is sent with the keyboard.
        await page.GotoAsync("/Associations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle association" }).ClickAsync();
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Sigle").FillAsync($"APO-{unique}");
        await page.GetByLabel("Numéro d'enregistrement").FillAsync($"OUJ-{unique}");
        await page.GetByLabel("Ville").FillAsync("Oujda");
        await page.GetByLabel("Région").SelectOptionAsync(new SelectOptionValue { Label = "L'Oriental" });
        await page.GetByLabel("Personne de contact").FillAsync("Samira El Idrissi");
        await page.GetByLabel("Personne de contact").PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(AssociationPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("L'association a été enregistrée.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);

        // Its convention for the new year, from the association's page: two projects in two domains, the second line
        // added by the page's script.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle convention" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Association", new() { Exact = true })).ToHaveValueAsync(new Regex("^[0-9]+$"));
        await page.GetByLabel("Année budgétaire").FillAsync($"{Year}");
        await page.GetByLabel("Date de signature").FillAsync($"{Year}-03-16");
        // The convention's status; each project line has its own.
        await page.Locator("#Form_Status").SelectOptionAsync(new SelectOptionValue { Label = "Signée" });
        var lines = page.Locator("[data-line]");
        await FillLineAsync(lines.Nth(0), $"Soutien scolaire des enfants migrants {unique}", education, "125 000", "Oujda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un projet" }).ClickAsync();
        await Assertions.Expect(lines).ToHaveCountAsync(2);
        await FillLineAsync(lines.Nth(1), $"Colonie de vacances à Saïdia {unique}", holidays, "80 500,50", "Saïdia");
        await Assertions.Expect(page.Locator("#convention-total")).ToHaveTextAsync("205\u00A0500,50\u00A0DH");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Conventions/Details/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La convention a été enregistrée.");
        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        var reference = ReferencePattern().Match(heading).Value;
        Assert.StartsWith($"CONV-{Year}-", reference, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync("205\u00A0500,50\u00A0DH");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Soutien scolaire des enfants migrants {unique}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Colonie de vacances à Saïdia {unique}" })).ToBeVisibleAsync();

        // The association list: the search finds it by its registration number, the region filter keeps it.
        await page.GotoAsync("/Associations");
        await page.GetByLabel("Rechercher").FillAsync($"OUJ-{unique}");
        await page.GetByLabel("Région", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "L'Oriental" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(ResultRows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(ResultRows(page).First).ToContainTextAsync(name);

        // The convention list: the year filter and the search by association.
        await page.GotoAsync("/Conventions");
        await page.GetByLabel("Année", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{Year}" });
        await page.GetByLabel("Rechercher").FillAsync(unique);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(ResultRows(page)).ToHaveCountAsync(1);
        await Assertions.Expect(ResultRows(page).First).ToContainTextAsync(reference);
        await Assertions.Expect(ResultRows(page).First).ToContainTextAsync("205\u00A0500,50\u00A0DH");

        // The project list: the year and domain filters keep one project each.
        foreach (var (domain, title) in new[] { (education, "Soutien scolaire des enfants migrants"), (holidays, "Colonie de vacances à Saïdia") })
        {
            await page.GotoAsync("/Projects");
            await page.GetByLabel("Année", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{Year}" });
            await page.GetByLabel("Domaine", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = domain });
            await page.GetByLabel("Rechercher").FillAsync(unique);
            await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
            await Assertions.Expect(ResultRows(page)).ToHaveCountAsync(1);
            await Assertions.Expect(ResultRows(page).First).ToContainTextAsync($"{title} {unique}");
        }

        // A filter that excludes it: the other year.
        await page.GotoAsync($"/Projects?year=2018&q={unique}");
        await Assertions.Expect(ResultRows(page)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".list-count").First).ToHaveTextAsync("Aucun résultat.");
        await page.Context.CloseAsync();
    }

    private static async Task FillLineAsync(ILocator line, string title, string domain, string amount, string city)
    {
        await line.GetByLabel("Intitulé du projet").FillAsync(title);
        await line.GetByLabel("Domaine").SelectOptionAsync(new SelectOptionValue { Label = domain });
        await line.GetByLabel("Montant (DH)").FillAsync(amount);
        await line.GetByLabel("Ville").FillAsync(city);
        await line.GetByLabel("Statut").SelectOptionAsync(new SelectOptionValue { Label = "En cours" });
    }

    private static ILocator ResultRows(IPage page) => page.Locator("table.list-table tbody tr");

    private static Regex AssociationPage() => AssociationPagePattern();

    [GeneratedRegex(@"/Associations/Details/\d+$")]
    private static partial Regex AssociationPagePattern();

    [GeneratedRegex(@"CONV-\d{4}-\d{3}")]
    private static partial Regex ReferencePattern();
}
