using System.Net;
using System.Text.RegularExpressions;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Localization;

namespace PartnershipPortal.Tests.Security;

/// <summary>
/// The main menu is rendered once per set of roles and language and kept (NavigationMenu): whoever reads after whom,
/// each reader sees the entries of their own roles, in their own language.
/// </summary>
public sealed partial class NavigationMenuTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_reader_sees_the_menu_of_their_roles_whoever_read_before_them()
    {
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        using var agent = await factory.SignedInClientAsync("agent@portail.test");
        using var association = await factory.SignedInClientAsync("association@portail.test");
        using var anonymous = factory.CreateClient();

        var adminMenu = await MenuAsync(admin, "/Projects");
        var agentMenu = await MenuAsync(agent, "/Projects");
        var associationMenu = await MenuAsync(association, "/");
        var anonymousMenu = await MenuAsync(anonymous, "/");
        var adminAgain = await MenuAsync(admin, "/Conventions");

        Assert.Equal(adminMenu, adminAgain);
        Assert.Contains("href=\"/AuditLog\"", adminMenu, StringComparison.Ordinal);
        Assert.Contains("href=\"/Domains\"", adminMenu, StringComparison.Ordinal);

        Assert.Contains("href=\"/Projects\"", agentMenu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/AuditLog\"", agentMenu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Domains\"", agentMenu, StringComparison.Ordinal);

        Assert.Contains("href=\"/MonEspace\"", associationMenu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Projects\"", associationMenu, StringComparison.Ordinal);

        Assert.Contains("href=\"/Publications\"", anonymousMenu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Projects\"", anonymousMenu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/MonEspace\"", anonymousMenu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_menu_is_in_the_readers_language()
    {
        using var agent = await factory.SignedInClientAsync("agent@portail.test");

        var french = await MenuAsync(agent, "/Projects?culture=fr");
        var arabic = await MenuAsync(agent, "/Projects?culture=ar");
        var english = await MenuAsync(agent, "/Projects?culture=en");

        Assert.Contains(">Échéances<", french, StringComparison.Ordinal);
        Assert.Contains(">" + LocalizationKeys.Translations("ar")["Échéances"] + "<", arabic, StringComparison.Ordinal);
        Assert.Contains(">" + LocalizationKeys.Translations("en")["Échéances"] + "<", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Échéances", arabic, StringComparison.Ordinal);
    }

    private static async Task<string> MenuAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var menu = Menu().Match(html);
        Assert.True(menu.Success, "no main menu in " + url);
        return menu.Value;
    }

    [GeneratedRegex("<ul class=\"navbar-nav me-auto[^\"]*\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex Menu();
}
