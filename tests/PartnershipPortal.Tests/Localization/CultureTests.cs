using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Localization;

public sealed class CultureTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task French_is_the_default_whatever_the_browser_asks()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains("bootstrap.min.css", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "<html lang=\"ar\" dir=\"rtl\">", "bootstrap.rtl.min.css")]
    [InlineData("en", "<html lang=\"en\" dir=\"ltr\">", "bootstrap.min.css")]
    public async Task A_link_with_culture_opens_the_page_in_that_language(string culture, string htmlTag, string stylesheet)
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync($"/Account/Login?culture={culture}");

        Assert.Contains(htmlTag, html, StringComparison.Ordinal);
        Assert.Contains(stylesheet, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_picker_keeps_the_choice_in_a_cookie_for_anonymous_visitors()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostFormAsync("/Account/Login", "/Culture/Set", [new("culture", "ar"), new("returnUrl", "/Account/Login")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_users_choice_is_kept_in_the_profile_too()
    {
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        await client.PostFormAsync("/", "/Culture/Set", [new("culture", "en"), new("returnUrl", "/")]);

        var preferred = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "manager@portail.test").Select(u => u.PreferredCulture).SingleAsync());
        Assert.Equal("en", preferred);
    }

    [Fact]
    public async Task An_unknown_culture_or_an_outside_return_address_falls_back_safely()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostFormAsync("/", "/Culture/Set", [new("culture", "xx"), new("returnUrl", "https://evil.example/")]);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"fr\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}

public sealed class CultureAtSignInTests
{
    [Fact]
    public async Task The_language_kept_in_the_profile_applies_at_sign_in_on_any_device()
    {
        using var factory = new PortalFactory();
        await factory.WithDbAsync(async db =>
        {
            var agent = await db.Users.SingleAsync(u => u.Email == "agent@portail.test");
            agent.PreferredCulture = "ar";
            await db.SaveChangesAsync();
        });

        using var client = await factory.SignedInClientAsync("agent@portail.test");

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
