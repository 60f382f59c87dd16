using System.Net;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

/// <summary>Absolute links in mails come from Portal:PublicBaseUrl, whatever Host or X-Forwarded-Host a client sends.</summary>
public sealed class PublicLinksTests
{
    [Fact]
    public async Task A_forged_Host_or_X_Forwarded_Host_changes_nothing_in_the_reset_mail()
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:PublicBaseUrl"] = "https://partenariat.ministere.example";

        // Every host let through (PortalFactory's AllowedHosts), so that only the link building stands between the forged header and the mail.
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://evil.example") });
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil2.example");

        var sent = await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", "agent@portail.test")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = Assert.Single(await factory.MailsAsync());
        Assert.Contains("https://partenariat.ministere.example/Account/ResetPassword?userId=", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_only_the_public_host_is_served()
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:PublicBaseUrl"] = "https://partenariat.ministere.example";
        factory.Settings.Remove("AllowedHosts");
        using var forged = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://evil.example") });
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/Account/ForgotPassword")).StatusCode);

        using var right = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://partenariat.ministere.example") });
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/Account/ForgotPassword")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("partenariat.ministere.example")]
    [InlineData("https://partenariat.ministere.example/?next=1")]
    public void Outside_Development_the_portal_refuses_to_start_without_a_valid_public_address_and_names_the_key(string value)
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:PublicBaseUrl"] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Portal:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }
}
