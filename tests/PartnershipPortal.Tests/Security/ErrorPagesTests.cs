using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

/// <summary>A page that fails, added to the portal for this test only.</summary>
[AllowAnonymous]
[Route("test-only")]
public sealed class FailingTestController : Controller
{
    [HttpGet("boom")]
    public IActionResult Boom() => throw new InvalidOperationException($"Secret détail interne {Request.Path}: Server=db;Password=x");
}

public sealed class FailingPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddControllersWithViews().AddApplicationPart(typeof(FailingTestController).Assembly));
    }
}

public sealed class ErrorPagesTests(FailingPortalFactory factory) : IClassFixture<FailingPortalFactory>
{
    [Fact]
    public async Task Outside_development_a_failure_shows_the_french_500_page_without_any_detail()
    {
        using var client = SecurityTestKit.AnonymousClient(factory);
        var response = await client.GetAsync("/test-only/boom");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("FailingTestController", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_page_shows_the_french_404_page()
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        var response = await client.GetAsync("/Nulle/Part/42");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
