using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>Each main page: accessible (axe-core) and saved as a screenshot at desktop and phone widths.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesTests(PortalServer server)
{
    public static TheoryData<string, string, string?> Pages => new()
    {
        { "home", "/", null },
        { "login", "/Account/Login", null },
    };

    [BrowserFact]
    public async Task Main_pages_have_no_serious_accessibility_violation_and_are_captured_at_two_widths()
    {
        foreach (var (name, url, account) in Pages.Select(row => ((string)row[0], (string)row[1], (string?)row[2])))
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = account is null ? await server.NewPageAsync(width) : await server.SignedInPageAsync(account, width: width);
                var response = await page.GotoAsync(url);
                Assert.True(response?.Ok, $"{url} answered {response?.Status}");
                await Accessibility.AssertNoSeriousViolationsAsync(page);
                await PortalServer.ScreenshotAsync(page, name);
                await page.Context.CloseAsync();
            }
        }
    }
}
