using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(PortalServer server)
{
    [BrowserFact]
    public async Task Bad_input_shows_French_messages_next_to_the_fields_and_keeps_what_was_typed()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync("pas-une-adresse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();

        await Assertions.Expect(page.Locator("[data-valmsg-for=Email]")).ToContainTextAsync("L'adresse électronique n'est pas valide.");
        await Assertions.Expect(page.Locator("[data-valmsg-for=Password]")).ToContainTextAsync("Le mot de passe est obligatoire.");
        await Assertions.Expect(page.GetByLabel("Adresse électronique")).ToHaveValueAsync("pas-une-adresse");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_says_so()
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = "verrou@portail.test", Email = "verrou@portail.test", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "un mot de passe correct")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Agent)).Succeeded);
        }

        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("Adresse électronique").FillAsync("verrou@portail.test");
            await page.GetByLabel("Mot de passe").FillAsync($"mauvais mot de passe {attempt}");
            // Wait for each answer: a click while the previous post is still loading would be lost, and the count with it.
            // The answer is at the same address as the form: the old document is marked, and the wait polls until the
            // document shown is not it. WaitForLoadStateAsync checks the state then subscribes to its event, and an
            // answer loaded in between was never seen (CI, 5 December: 30 s timeout with "DOMContentLoaded" already past).
            await page.EvaluateAsync("() => { window.previousAnswer = true; }");
            await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.Contains("/Account/Login", StringComparison.Ordinal));
            await page.WaitForFunctionAsync("() => window.previousAnswer === undefined && document.readyState !== 'loading'");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("verrouillé");

        // Even the right password is refused now.
        await page.GetByLabel("Adresse électronique").FillAsync("verrou@portail.test");
        await page.GetByLabel("Mot de passe").FillAsync("un mot de passe correct");
        // The previous answer already says "verrouillé": the proof is this POST's own answer, the form again, not a redirect.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Account/Login", StringComparison.Ordinal));
        Assert.Equal(200, answer.Status);
        Assert.Contains("Ce compte est verrouillé.", System.Net.WebUtility.HtmlDecode(await answer.TextAsync()), StringComparison.Ordinal);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("verrouillé");
        await PortalServer.ScreenshotAsync(page, "login-locked");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_demo_agent_signs_in_and_out()
    {
        var page = await server.SignedInPageAsync("agent@portail.test");
        await Assertions.Expect(page.GetByText("Agent de démonstration")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
