using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnershipPortal.Tests.Foundation;

/// <summary>The portal as a newcomer starts it: its own process, an empty App_Data, plain HTTP on the --urls address.</summary>
public sealed class RealProcessTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "portal-process", Guid.NewGuid().ToString("N"));
    private Process? _process;

    [Fact]
    public async Task Starts_on_an_empty_App_Data_and_serves_plain_http_on_the_given_address()
    {
        Directory.CreateDirectory(_contentRoot);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "PartnershipPortal.Web.dll"),
            "--urls", url,
            "--contentRoot", _contentRoot,
            "--Seed:Demo=true",
            "--Portal:PublicBaseUrl=http://127.0.0.1",
            "--Seed:DemoPassword=" + Infrastructure.PortalFactory.DemoPassword,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        // A liveness bound, not a speed claim: the start-up time is measured in docs/performance.md.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        HttpResponseMessage? health = null;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                health = await client.GetAsync("/health");
                break;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        Assert.False(_process.HasExited, "The portal stopped during start-up.");
        Assert.NotNull(health);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var protectedPage = await client.GetAsync("/Home/Privee");
        Assert.Equal(HttpStatusCode.Redirect, protectedPage.StatusCode);
        Assert.StartsWith("/Account/Login", protectedPage.Headers.Location!.OriginalString.Replace(url, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "App_Data", "portal.db")));
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
