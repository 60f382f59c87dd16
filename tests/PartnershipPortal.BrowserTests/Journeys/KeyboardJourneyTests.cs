using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>Everything can be done without a mouse: the Tab key reaches every control, Enter acts on it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardJourneyTests(PortalServer server)
{
    [BrowserFact]
    public async Task A_person_signs_in_and_skips_to_the_content_with_the_keyboard_alone()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        Assert.Empty(await KeyboardWalk.UnreachableControlsAsync(page));

        // The address field has the focus when the page opens; Tab goes on to the password, Enter sends the form.
        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.GetByLabel("Adresse électronique")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("agent@portail.test");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Mot de passe")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(PortalServer.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/").ToString());

        // The first Tab on a page offers to skip the menu.
        await page.GotoAsync("/Dashboard?year=2018");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Every_control_of_the_forms_and_record_pages_is_reached_with_the_Tab_key()
    {
        var failures = new List<string>();
        foreach (var (account, urls) in new[]
        {
            ("agent@portail.test", new[] { "/Associations/Create", "/Conventions/Create", "/Calls/Create", "/Activities/Create", "/Account/ChangePassword", "/Associations?region=Oriental" }),
            ("manager@portail.test", ["/Bilan/2018"]),
            ("admin@portail.test", ["/Users/Create", "/Domains/Create"]),
            ("association@portail.test", ["/MonEspace"]),
        })
        {
            var page = await server.SignedInPageAsync(account);
            foreach (var url in urls)
            {
                await page.GotoAsync(url);
                failures.AddRange((await KeyboardWalk.UnreachableControlsAsync(page)).Select(html => $"{url}: {html}"));
            }

            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task The_convention_form_adds_a_project_line_from_the_keyboard()
    {
        var page = await server.SignedInPageAsync("agent@portail.test");
        await page.GotoAsync("/Conventions/Create");
        await Assertions.Expect(page.Locator("[data-line]")).ToHaveCountAsync(1);

        // From the last field of the first line, Tab reaches the button that adds a line; Enter adds it.
        await page.Locator("[data-line]").Last.GetByLabel("Description des bénéficiaires").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un projet" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-line]")).ToHaveCountAsync(2);

        // Space on the "remove" box of the new line takes it away again.
        await page.Locator("[data-line]").Last.GetByLabel("Retirer ce projet").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("[data-line]")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task On_a_phone_the_menu_opens_from_the_keyboard()
    {
        var page = await server.SignedInPageAsync("agent@portail.test", width: 390);
        await page.GotoAsync("/Dashboard?year=2018");
        var conventions = page.GetByRole(AriaRole.Link, new() { Name = "Conventions", Exact = true });
        await Assertions.Expect(conventions).ToBeHiddenAsync();

        var toggler = page.GetByRole(AriaRole.Button, new() { Name = "Afficher le menu" });
        await toggler.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(toggler).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(conventions).ToBeVisibleAsync();

        for (var step = 0; step < 10 && !await conventions.EvaluateAsync<bool>("e => e === document.activeElement"); step++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(conventions).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Conventions$"));
        await page.Context.CloseAsync();
    }
}
