using System.Diagnostics;
using System.Net;

namespace PartnershipPortal.Tests.Foundation;

/// <summary>The portal as a newcomer starts it: its own process, an empty App_Data, plain HTTP on the --urls address.</summary>
public sealed partial class RealProcessTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "portal-process", Guid.NewGuid().ToString("N"));
    private Process? _process;

    [Fact]
    public async Task Starts_on_an_empty_App_Data_and_serves_plain_http_on_the_given_address()
    {
        Directory.CreateDirectory(_contentRoot);
        // Port 0: the system picks a free port and the portal says which in its log. (Asking for a free port first and
        // handing it over left a moment in which another process could take it.)
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "PartnershipPortal.Web.dll"),
            "--urls", "http://127.0.0.1:0",
            "--contentRoot", _contentRoot,
            "--Seed:Demo=true",
            "--Seed:DemoPassword=" + Infrastructure.PortalFactory.DemoPassword,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.Exited += (_, _) => listening.TrySetException(new Xunit.Sdk.XunitException("The portal stopped during start-up: " + string.Join("\n", output)));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // A liveness bound, not a speed claim: the start-up time is measured in docs/performance.md.
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            var match = ListeningOnPattern().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var protectedPage = await client.GetAsync("/Home/Privee");
        Assert.Equal(HttpStatusCode.Redirect, protectedPage.StatusCode);
        Assert.StartsWith("/Account/Login", protectedPage.Headers.Location!.OriginalString.Replace(url, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "App_Data", "portal.db")));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningOnPattern();

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

}
