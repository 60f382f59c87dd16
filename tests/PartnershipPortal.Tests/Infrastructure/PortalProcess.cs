using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartnershipPortal.Tests.Infrastructure;

/// <summary>
/// The portal in a process of its own, as an operator starts it: built output, Production environment, plain HTTP on
/// port 0. The system picks the port and the portal names it in its log: no port is chosen first and handed over.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _awaited = new(StringComparer.Ordinal);

    private PortalProcess(string contentRoot, IEnumerable<string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "PartnershipPortal.Web.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // Plain lines: the listening address is read from the log.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new Xunit.Sdk.XunitException("The portal stopped during start-up:\n" + Output));
    }

    public Uri Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("Not started.");

    public string Output => string.Join("\n", _output);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the portal; <paramref name="settings"/> are command-line settings (--Key=value).</summary>
    public static PortalProcess Start(string contentRoot, params string[] settings)
    {
        Directory.CreateDirectory(contentRoot);
        var portal = new PortalProcess(contentRoot, settings);
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>
    /// The first log line holding <paramref name="text"/>, already written or to come: an event of the process (a
    /// pass of a background service), awaited with a liveness bound.
    /// </summary>
    public async Task<string> LineAsync(string text)
    {
        var waiter = _awaited.GetOrAdd(text, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } seen)
        {
            waiter.TrySetResult(seen);
        }

        return await waiter.Task.WaitAsync(TimeSpan.FromSeconds(180));
    }

    /// <summary>Waits until the portal listens. A liveness bound, not a speed claim (docs/performance.md measures start-up).</summary>
    public async Task<Uri> ListeningAsync() => await _listening.Task.WaitAsync(TimeSpan.FromSeconds(180));

    /// <summary>
    /// A client as a browser behind the TLS proxy: the proxy's X-Forwarded-Proto (loopback is a known proxy) and a
    /// cookie jar that may be shared with another instance's client, as one browser talks to every instance.
    /// </summary>
    public HttpClient Client(CookieJar? cookies = null)
    {
        var client = new HttpClient(new CookieJarHandler(cookies ?? new CookieJar()) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = Address,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        foreach (var (text, waiter) in _awaited)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                waiter.TrySetResult(line);
            }
        }

        var match = ListeningOn().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>
/// The cookies of one browser. The portal marks its cookies Secure outside Development; the process speaks plain HTTP
/// behind the (absent) proxy, where HttpClient's own container would drop them.
/// </summary>
public sealed class CookieJar
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? Header => _values.IsEmpty ? null : string.Join("; ", _values.Select(c => $"{c.Key}={c.Value}"));

    public void Take(IEnumerable<string> setCookies)
    {
        foreach (var setCookie in setCookies)
        {
            var pair = setCookie.Split(';')[0].Split('=', 2);
            var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (pair.Length < 2 || pair[1].Length == 0 || expired)
            {
                _values.TryRemove(pair[0].Trim(), out _);
            }
            else
            {
                _values[pair[0].Trim()] = pair[1];
            }
        }
    }
}

internal sealed class CookieJarHandler(CookieJar jar) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (jar.Header is { } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            jar.Take(cookies);
        }

        return response;
    }
}
