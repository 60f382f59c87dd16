using System.Net;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;

namespace PartnershipPortal.Tests.Editions;

/// <summary>The public page is open to anyone, so each client address gets a bounded number of requests per window.</summary>
public sealed class PublicationLimitTests
{
    [Fact]
    public async Task The_public_pages_are_rate_limited_per_client_and_the_staff_pages_are_not_counted()
    {
        using var factory = new PortalFactory();
        factory.Settings["Security:PublicPermitLimit"] = "3";
        using var anonymous = SecurityTestKit.AnonymousClient(factory);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(i == 0 ? "/Publications" : "/Publications/1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/Publications/1/Versions/1/Csv")).StatusCode);

        // The staff's bilan has no such limit: the same address still opens it once signed in.
        using var manager = await factory.SignedInClientAsync("manager@portail.test");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Bilan/Editions")).StatusCode);
    }
}
