using System.Net;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Foundation;

/// <summary>The portal as a newcomer starts it: its own process, an empty App_Data, plain HTTP on the --urls address.</summary>
public sealed class RealProcessTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "portal-process", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Starts_on_an_empty_App_Data_and_serves_plain_http_on_the_given_address()
    {
        await using var portal = PortalProcess.Start(_contentRoot,
            "--Seed:Demo=true", "--Portal:PublicBaseUrl=http://127.0.0.1", "--Seed:DemoPassword=" + PortalFactory.DemoPassword);
        var url = await portal.ListeningAsync();

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var protectedPage = await client.GetAsync("/Home/Privee");
        Assert.Equal(HttpStatusCode.Redirect, protectedPage.StatusCode);
        Assert.StartsWith("/Account/Login", protectedPage.Headers.Location!.OriginalString.Replace(url.AbsoluteUri.TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "App_Data", "portal.db")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
