using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>The Arabic pages, right to left: accessible (axe-core), mirrored, and saved as screenshots at desktop and phone widths.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ArabicLayoutTests(PortalServer server)
{
    private static readonly (string Name, string Url, string? Account)[] Pages =
    [
        ("ar-login", "/Account/Login", null),
        ("ar-home", "/", "agent@portail.test"),
        ("ar-dashboard", "/Dashboard", "agent@portail.test"),
        ("ar-associations", "/Associations", "agent@portail.test"),
        ("ar-conventions", "/Conventions", "agent@portail.test"),
        ("ar-projects", "/Projects", "agent@portail.test"),
        ("ar-convention-create", "/Conventions/Create", "agent@portail.test"),
        ("ar-bilan-2017", "/Bilan/2017", "agent@portail.test"),
        ("ar-bilan", "/Bilan", "agent@portail.test"),
        ("ar-space", "/MonEspace", "association@portail.test"),
        ("ar-dossier", "/MonEspace/Dossier", "association@portail.test"),
        ("ar-document-kinds", "/DocumentKinds", "admin@portail.test"),
    ];

    [BrowserFact]
    public async Task Arabic_pages_read_right_to_left_are_accessible_and_are_captured_at_two_widths()
    {
        // One sign-in per account (the sign-in is rate limited); the same page is then resized to the phone width.
        foreach (var group in Pages.GroupBy(p => p.Account))
        {
            var page = group.Key is null ? await server.NewPageAsync() : await server.SignedInPageAsync(group.Key);
            foreach (var (name, url, _) in group)
            {
                foreach (var width in new[] { 1280, 390 })
                {
                    await page.SetViewportSizeAsync(width, 900);
                    var response = await page.GotoAsync(url + "?culture=ar");
                    Assert.True(response?.Ok, $"{url} answered {response?.Status}");

                    Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
                    Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
                    Assert.True(await page.EvaluateAsync<bool>("[...document.styleSheets].some(s => (s.href || '').includes('bootstrap.rtl'))"), $"{url}: no RTL stylesheet");
                    // Nothing wider than the screen: a phone must not scroll sideways.
                    var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    Assert.True(overflow <= 1, $"{url} at {width} px scrolls sideways by {overflow} px");

                    await Accessibility.AssertNoSeriousViolationsAsync(page);
                    await PortalServer.ScreenshotAsync(page, name);
                }
            }

            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_header_is_mirrored_in_Arabic()
    {
        var page = await server.SignedInPageAsync("agent@portail.test");
        await page.GotoAsync("/Conventions?culture=ar");

        // The portal's name starts the header on the right, as Arabic reads.
        var brand = await page.Locator(".navbar-brand").First.BoundingBoxAsync();
        Assert.NotNull(brand);
        Assert.True(brand!.X > 640, $"the brand sits at x={brand.X} on a 1280 px page");

        // Table headers start on the right of their cells.
        var align = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('table th')).textAlign");
        Assert.True(align is "right" or "start", $"table headers aligned {align}");

        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Phone_numbers_keep_their_order_on_Arabic_pages()
    {
        var page = await server.SignedInPageAsync("association@portail.test");
        await page.GotoAsync("/MonEspace?culture=ar");

        // Groups of digits separated by spaces would otherwise be laid out from right to left: "05 33 80" shown "80 33 05".
        var firstIsLeft = await page.EvaluateAsync<bool>(@"() => {
            const span = [...document.querySelectorAll('dd span')].find(s => /^[0-9 +().-]{6,}$/.test(s.textContent.trim()));
            const node = span.firstChild;
            const left = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
            return left(0) < left(node.data.length - 1);
        }");

        Assert.True(firstIsLeft, "the phone number is laid out backwards");
        await page.Context.CloseAsync();
    }
}
