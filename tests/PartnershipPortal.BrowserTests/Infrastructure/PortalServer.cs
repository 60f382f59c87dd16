using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnershipPortal.Data;

namespace PartnershipPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal on a real Kestrel port with its own fresh SQLite database and the demo data, and one Chromium for all
/// browser tests (two browsers at once on two cores only slow each other down).
/// </summary>
public sealed class PortalServer : IAsyncLifetime, IDisposable
{
    public const string DemoPassword = "Portail-Demo-2026";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-browser", Guid.NewGuid().ToString("N"));
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
        _factory = new Factory(Path.Combine(_folder, "portal.db"), MailFolder);
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

    /// <summary>A fresh browser context (its own cookies) at desktop width, French first.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "fr-FR",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Waits for a navigation until the document is parsed and its scripts have run, not for its "load" event: on a
    /// machine saturated by the other tests, the last images or fonts of a page once kept "load" away for over 30 s.
    /// What a test then looks for is waited for by its locator.
    /// </summary>
    public static PageWaitForURLOptions DocumentReady => new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    public async Task<IPage> SignedInPageAsync(string email, string password = DemoPassword, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), DocumentReady);
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

    private sealed class Factory(string databasePath, string mailFolder) : WebApplicationFactory<Program>
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

            // The port is chosen by the OS at start: mailed links carry no port, and the journeys follow their path.
            builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");

            // Every journey signs in from 127.0.0.1: the rate limits have their own HTTP tests.
            builder.UseSetting("Security:LoginPermitLimit", "100000");
            builder.UseSetting("Security:PasswordResetPermitLimit", "100000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "browser";
}
