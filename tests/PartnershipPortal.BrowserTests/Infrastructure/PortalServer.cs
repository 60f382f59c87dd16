using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PartnershipPortal.Data;

namespace PartnershipPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal on a real Kestrel port with its own fresh SQLite database and the demo data, and one Chromium for all
/// browser tests (two browsers at once on two cores only slow each other down).
/// Every browser context records a Playwright trace. A journey that succeeds closes its context and the trace is
/// dropped; a context still open when the collection ends belongs to a journey that failed, and its trace
/// (TestResults/browser-failures/NAME.trace.zip, open with `playwright show-trace`) and the server's log lines since it
/// opened (NAME.server.log) are kept.
/// </summary>
public sealed partial class PortalServer : IAsyncLifetime, IDisposable
{
    public const string DemoPassword = "Portail-Demo-2026";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-browser", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<LogLine> _serverLog = new();
    private readonly ConcurrentDictionary<IBrowserContext, (string Name, DateTimeOffset Opened)> _open = new();
    private Factory? _factory;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Where the portal writes its e-mails (Email:PickupDirectory), as in the HTTP tests' PortalFactory.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath) && !BrowserFactAttribute.IsCi)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        _factory = new Factory(Path.Combine(_folder, "portal.db"), MailFolder, _serverLog);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Args = ChromiumArguments,
            Headless = true,
        });
    }

    /// <summary>Where failed journeys leave their trace and server log: TestResults/ at the repository root, beside .ci/run's results.</summary>
    public static string FailureFolder { get; } = Path.Combine(RepositoryRoot(), "TestResults", "browser-failures");

    /// <summary>A fresh browser context (its own cookies) at desktop width, French first.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, [CallerMemberName] string test = "")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "fr-FR",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        await context.Tracing.StartAsync(new() { Title = test, Snapshots = true, Screenshots = true });
        _open[context] = (test, DateTimeOffset.UtcNow);
        context.Close += (_, closed) => _open.TryRemove(closed, out var _);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the form. The answer to the POST is awaited from a subscription made before the click, so it
    /// cannot be missed (waiting for the URL to change after the click can miss a navigation that completes in
    /// between: microsoft/playwright-dotnet#3364, docs/testing.md). A sign-in that does not redirect where the account
    /// lands fails at once with what the page said; the landing is then awaited by a polling assertion.
    /// </summary>
    /// <param name="email">The account.</param>
    /// <param name="password">Its password.</param>
    /// <param name="width">The window's width.</param>
    /// <param name="landing">Where the account lands: "/" for staff, "/MonEspace" for the demo association account.</param>
    /// <param name="test">Names the trace kept if the journey fails.</param>
    public async Task<IPage> SignedInPageAsync(
        string email, string password = DemoPassword, int width = 1280, string? landing = null, [CallerMemberName] string test = "")
    {
        landing ??= email == "association@portail.test" ? "/MonEspace" : "/";
        var page = await NewPageAsync(width, test: test);
        // The form is there once the document is parsed; its "load" event also waits for fonts and images, which a
        // saturated machine once kept away for over 30 s (final run of issue 14). The fields are awaited by their locators.
        await page.GotoAsync("/Account/Login", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/Account/Login");

        var location = answer.Status == 302 ? await answer.HeaderValueAsync("location") : null;
        if (location != landing)
        {
            var said = answer.Status == 200 ? PageMessages(await answer.TextAsync()) : "";
            throw new Xunit.Sdk.XunitException(
                $"Sign-in of {email} answered {answer.Status}{(location is null ? "" : " to " + location)} instead of a redirect to {landing}. The page said: {said}");
        }

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(BaseAddress, landing).ToString());
        // Polled, not WaitForLoadStateAsync: that one checks the frame's states and then subscribes to the next one, and
        // a DOMContentLoaded fired in between is never seen (docs/testing.md, 5 December).
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
        return page;
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>Saves the page under the test output (screenshots/NAME-WIDTH.png) for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await KeepFailureEvidenceAsync();
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    public void Dispose() => _factory?.Dispose();

    /// <summary>The messages of a page that refused a form: validation summary and field messages.</summary>
    private static string PageMessages(string html) =>
        string.Join(" | ", MessageElement().Matches(html).Select(m => WebUtility.HtmlDecode(Tags().Replace(m.Groups[1].Value, " ")).Trim())
            .Where(text => text.Length > 0));

    private async Task KeepFailureEvidenceAsync()
    {
        foreach (var (context, (name, opened)) in _open.ToArray())
        {
            Directory.CreateDirectory(FailureFolder);
            var file = Path.Combine(FailureFolder, $"{name}-{opened:HHmmssfff}");
            try
            {
                await context.Tracing.StopAsync(new() { Path = file + ".trace.zip" });
            }
            catch (PlaywrightException)
            {
                // The browser itself went away: the server log below is still worth keeping.
            }

            await File.WriteAllLinesAsync(file + ".server.log", _serverLog.Where(l => l.At >= opened).Select(l => l.ToString()));
            Console.Error.WriteLine($"Browser journey {name} did not finish: trace and server log in {file}.*");
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnershipPortal.sln")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    [GeneratedRegex("""class="[^"]*(?:validation-summary-errors|field-validation-error)[^"]*"[^>]*>(.*?)</(?:div|span)>""", RegexOptions.Singleline)]
    private static partial Regex MessageElement();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private sealed record LogLine(DateTimeOffset At, LogLevel Level, string Category, string Message)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At:HH:mm:ss.fff} {Level} {Category}: {Message}");
    }

    /// <summary>Keeps the server's log lines in memory, for the journeys that fail.</summary>
    private sealed class MemoryLoggerProvider(ConcurrentQueue<LogLine> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new MemoryLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class MemoryLogger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new LogLine(DateTimeOffset.UtcNow, logLevel, category, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
            }
        }
    }

    private sealed class Factory(string databasePath, string mailFolder, ConcurrentQueue<LogLine> log) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the build's compressed assets (.gz, .br) are found only through the static web assets manifest.
            builder.UseStaticWebAssets();
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={databasePath}");
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Seed:DemoPassword", DemoPassword);
            builder.UseSetting("Email:PickupDirectory", mailFolder);
            // Uploads beside the test database, not in App_Data under the web project's folder (the content root here).
            builder.UseSetting("Files:Root", Path.Combine(Path.GetDirectoryName(databasePath)!, "files"));

            // The port is chosen by the OS at start: mailed links carry no port, and the journeys follow their path.
            builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");

            // Every journey signs in from 127.0.0.1: the rate limits have their own HTTP tests.
            builder.UseSetting("Security:LoginPermitLimit", "100000");
            builder.UseSetting("Security:PasswordResetPermitLimit", "100000");
            builder.ConfigureLogging(logging => logging.AddProvider(new MemoryLoggerProvider(log)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "browser";
}
