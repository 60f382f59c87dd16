using System.Net;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Operations;

public sealed class ProxyAndHealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("10.20.3.4", true)]
    [InlineData("10.21.0.1", false)]
    public async Task A_proxy_inside_a_configured_network_range_is_trusted_and_one_outside_is_not(string proxy, bool trusted)
    {
        using var ranged = new PortalFactory();
        ranged.Settings["Security:KnownProxies:0"] = "10.20.0.0/16";
        _ = ranged.Services;
        using var http = new HttpClient(ranged.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(proxy)))
        {
            // Not localhost: HSTS is never sent to it.
            BaseAddress = new Uri("http://portail.example.ma"),
        };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        // HSTS is sent on HTTPS requests only: present exactly when the forwarded scheme was believed.
        using var response = await http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(trusted, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Liveness_and_readiness_answer_200_and_say_nothing_more(string url)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_fails_while_a_migration_is_missing_and_liveness_does_not()
    {
        using var behind = new PortalFactory();
        using var client = behind.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // The database as an older build left it: one migration removed from the history.
        await behind.WithDbAsync(async db =>
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
                "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory)");
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
