using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnershipPortal.Data;
using PartnershipPortal.Web.Infrastructure.Email;

namespace PartnershipPortal.Tests.Infrastructure;

/// <summary>
/// The portal on its own fresh SQLite file, migrated and (by default) seeded with the demo data,
/// exactly as a first start would do it.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Portail-Demo-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));

    public PortalFactory()
    {
        Directory.CreateDirectory(_folder);
        ClientOptions.BaseAddress = new Uri("https://localhost");
        // Not in a mutation run: a mutant active while the first portal seeds would reach every later test through the
        // copy, in per-test mode where each test runs under its own mutant (and the copy did not make those runs faster).
        StartsFromSeededTemplate = (GetType() == typeof(PortalFactory) || GetType() == typeof(ClockedPortalFactory))
            && !SynchronousTestFramework.InMutationRun;
    }

    /// <summary>
    /// Whether the portal may start from a copy of a database seeded by an earlier portal of this test process with the
    /// same settings on the same day (<see cref="SeededTemplates"/>). On for this class and <see cref="ClockedPortalFactory"/>;
    /// a subclass changes services that the start may read, and seeds on its own. A test of the seeding itself turns it off.
    /// </summary>
    public bool StartsFromSeededTemplate { get; set; }

    /// <summary>The time the portal's clock gives at its start: the demo data is dated from it.</summary>
    protected virtual DateTimeOffset StartTime => DateTimeOffset.UtcNow;

    public string DatabasePath => Path.Combine(_folder, "portal.db");

    /// <summary>Settings given to the portal as if on its command line; change them before the first client.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Seed:Demo"] = "true",
        ["Seed:DemoPassword"] = DemoPassword,

        // Required outside Development. Host filtering from it has its own test (PublicLinksTests); the other tests
        // use several host names (HSTS is never sent to localhost), so every host is let through here.
        ["Portal:PublicBaseUrl"] = "https://localhost",
        ["AllowedHosts"] = "*",

        // Tests sign in far more often than a person: the rate limits have their own tests (Security/).
        ["Security:LoginPermitLimit"] = "100000",
        ["Security:PasswordResetPermitLimit"] = "100000",
        ["Security:PublicPermitLimit"] = "100000",
    };

    /// <summary>Where the portal writes its e-mails in the tests (Email:PickupDirectory).</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Where the portal keeps uploaded files in the tests (Files:Root), one folder per factory.</summary>
    public string FilesFolder => Path.Combine(_folder, "files");

    public string ConnectionString => $"Data Source={DatabasePath}";

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Sends what the outbox holds, as the background sender would (it is off in these tests), so that a test reads
    /// the mail folder once every mail of the request is in it.
    /// </summary>
    public async Task<int> DeliverMailAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>The mails delivered to the pickup folder so far, after sending what the outbox holds.</summary>
    public async Task<IReadOnlyList<string>> MailsAsync()
    {
        await DeliverMailAsync();
        return Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList() : [];
    }

    public async Task WithDbAsync(Func<PortalDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build's compressed assets (.gz, .br) are found only through the static web assets manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Email:Outbox:SendInBackground", "false");
        // Reminders are queued by the tests themselves, after they move the clock (Payments/ReminderTests).
        builder.UseSetting("Rules:Reminders:RunInBackground", "false");
        builder.UseSetting("Files:Root", FilesFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // A portal given its own database, or whose file the test prepared, starts as it is.
        var startTime = StartTime;
        var key = StartsFromSeededTemplate && !File.Exists(DatabasePath)
            && !Settings.Keys.Any(k => k.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            ? TemplateKey(startTime)
            : null;
        var restored = key is not null && SeededTemplates.TryRestore(key, startTime, DatabasePath, FilesFolder);
        var host = base.CreateHost(builder);
        if (key is not null && !restored)
        {
            SeededTemplates.Keep(key, startTime, ConnectionString, FilesFolder);
        }

        return host;
    }

    /// <summary>What the seeded data depends on: the factory, its settings, and the day (UTC and local) of its clock.</summary>
    private string TemplateKey(DateTimeOffset now)
    {
        return string.Join("\n", [
            GetType().FullName!,
            now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            .. Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value)]);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request: the OS temp cleaner will take it.
        }
    }
}
