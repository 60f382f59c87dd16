using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Operations;

/// <summary>
/// Two portal processes on one database, as two instances behind a load balancer: the first start of both at once,
/// a session that moves from one to the other, and the bilan of one catching up with a write made on the other.
/// </summary>
public sealed partial class TwoInstancesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-two", Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_folder, "shared.db");

    [Fact]
    public async Task Both_starting_at_once_on_an_empty_database_end_with_one_migrated_database_and_one_first_administrator()
    {
        string[] settings =
        [
            $"--ConnectionStrings:Portal=Data Source={Database}",
            "--Seed:Demo=false",
            "--Portal:PublicBaseUrl=http://127.0.0.1",
            "--Admin:Email=premiere@ministere.example",
            "--Admin:Password=une phrase de passe assez longue 5521",
        ];
        await using var first = PortalProcess.Start(Path.Combine(_folder, "a"), settings);
        await using var second = PortalProcess.Start(Path.Combine(_folder, "b"), settings);

        await Task.WhenAll(first.ListeningAsync(), second.ListeningAsync());

        foreach (var portal in new[] { first, second })
        {
            using var client = portal.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.False(portal.HasExited, portal.Output);
        }

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM AspNetUsers WHERE NormalizedEmail = 'PREMIERE@MINISTERE.EXAMPLE'"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM AspNetUserRoles"));
        Assert.Equal(Scalar("SELECT COUNT(DISTINCT MigrationId) FROM __EFMigrationsHistory"), Scalar("SELECT COUNT(*) FROM __EFMigrationsHistory"));
    }

    [Fact]
    public async Task A_session_opened_on_one_instance_continues_on_the_other_and_the_bilans_agree_within_the_bound()
    {
        string[] settings =
        [
            $"--ConnectionStrings:Portal=Data Source={Database}",
            "--Seed:Demo=true",
            "--Seed:DemoPassword=" + PortalFactory.DemoPassword,
            "--Portal:PublicBaseUrl=http://127.0.0.1",
            "--Security:RequireTwoFactorForAdministrators=false",
            "--Bilan:CacheLifetime=00:00:03",
        ];
        await using var first = PortalProcess.Start(Path.Combine(_folder, "a"), settings);
        await first.ListeningAsync();
        await using var second = PortalProcess.Start(Path.Combine(_folder, "b"), settings);
        await second.ListeningAsync();

        // Cookies belong to the host, whatever the port: one browser, two instances.
        var cookies = new CookieJar();
        using var onFirst = first.Client(cookies);
        using var onSecond = second.Client(cookies);
        var signIn = await onFirst.PostFormAsync("/Account/Login", "/Account/Login",
            [new("Email", "agent@portail.test"), new("Password", PortalFactory.DemoPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var projects = await onSecond.GetAsync("/Projects");
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        Assert.Contains("Agent de démonstration", WebUtility.HtmlDecode(await projects.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The second instance has the 2018 bilan in its cache; the first signs the demo draft of 2018 (15 000 DH).
        Assert.Contains("1 899 500", await BilanTextAsync(onSecond), StringComparison.Ordinal);
        var (draft, version) = DemoDraft2018();
        var signed = await onFirst.PostFormAsync($"/Conventions/Details/{draft}", $"/Conventions/Transition/{draft}?transition=Sign",
            [new("Version", version), new("Date", "2018-06-01")]);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Contains("1 914 500", await BilanTextAsync(onFirst), StringComparison.Ordinal);

        // The other instance within its cache's lifetime (3 s here, 60 s by default): asked until then, plus a margin
        // for a busy machine; never later.
        var deadline = DateTime.UtcNow.AddSeconds(3 + 30);
        string text;
        while (!(text = await BilanTextAsync(onSecond)).Contains("1 914 500", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Contains("1 914 500", text, StringComparison.Ordinal);

        // Signing out on the second instance ends the session on the first too.
        var signOut = await onSecond.PostFormAsync("/Projects", "/Account/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await onFirst.GetAsync("/Projects");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_sweeping_the_same_due_reminder_queue_and_deliver_it_once_per_recipient()
    {
        var mail = Path.Combine(_folder, "mail");
        string[] settings =
        [
            $"--ConnectionStrings:Portal=Data Source={Database}",
            "--Seed:Demo=true",
            "--Seed:DemoPassword=" + PortalFactory.DemoPassword,
            "--Portal:PublicBaseUrl=http://127.0.0.1",
            $"--Email:PickupDirectory={mail}",
            // Repetitions so far apart that a report due in the year 1000 is at its first one on any day until 2600:
            // the reminder is due whatever the processes' clock says, which no setting can move.
            "--Rules:Reminders:RepeatEveryDays=300000",
        ];

        // A first start migrates and seeds, without reminders; then the demo association's 2018 final report becomes
        // missing since the year 1000.
        await using (var setup = PortalProcess.Start(Path.Combine(_folder, "setup"), [.. settings, "--Rules:Reminders:RunInBackground=false"]))
        {
            await setup.ListeningAsync();
        }

        var (reportId, recipients) = await MakeTheDemoFinalReportLongOverdueAsync();

        // Both instances start at once; each runs its first reminder pass as it starts, on the same database.
        string[] sweeping = [.. settings, "--Logging:LogLevel:PartnershipPortal.Web.Features.Reports=Debug"];
        await using var first = PortalProcess.Start(Path.Combine(_folder, "a"), sweeping);
        await using var second = PortalProcess.Start(Path.Combine(_folder, "b"), sweeping);
        var passes = await Task.WhenAll(first.LineAsync("Reminder pass done"), second.LineAsync("Reminder pass done"));

        // One pass queued the report's reminder; the other found it queued (or lost the race on the unique key).
        Assert.Equal(1, passes.Sum(p => int.Parse(QueuedCount().Match(p).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        await using (var db = Foundation.ModelTests.SqliteContext($"Data Source={Database}"))
        {
            var keys = await db.OutboxMails.Where(m => m.DeduplicationKey!.StartsWith($"rapport:{reportId}:"))
                .Select(m => m.DeduplicationKey!).ToListAsync();
            Assert.Equal(recipients.Count, keys.Count);
            Assert.All(keys, k => Assert.StartsWith($"rapport:{reportId}:relance:1:", k, StringComparison.Ordinal));
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        }

        // Each recipient gets the mail once, whichever instance's sender claimed it.
        var link = $"/MonEspace/Rapports/{reportId}";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<string> delivered;
        while ((delivered = Delivered(mail, link)).Count < recipients.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.All(recipients, r => Assert.Equal(1, delivered.Count(m => m.Contains(r, StringComparison.OrdinalIgnoreCase))));
        Assert.Equal(recipients.Count, delivered.Count);
        Assert.False(first.HasExited || second.HasExited, first.Output + second.Output);
    }

    private static List<string> Delivered(string folder, string link) => Directory.Exists(folder)
        ? [.. Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(link, StringComparison.Ordinal))]
        : [];

    private async Task<(int ReportId, List<string> Recipients)> MakeTheDemoFinalReportLongOverdueAsync()
    {
        await using var db = Foundation.ModelTests.SqliteContext($"Data Source={Database}");
        var association = await db.Associations.Where(a => a.RegistrationNumber == Data.Seeding.DemoDataSeeder.DemoAssociationRegistrationNumber).Select(a => a.Id).SingleAsync();
        var reportId = await db.ConventionReports
            .Where(r => r.Convention!.AssociationId == association && r.Convention.BudgetYear == 2018 && r.Kind == Data.Entities.ReportKind.Final)
            .Select(r => r.Id).FirstAsync();
        await db.ConventionReports.Where(r => r.Id == reportId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, Data.Entities.ReportStatus.Due)
            .SetProperty(r => r.DueDate, new DateOnly(1000, 1, 1)));
        var recipients = await db.Users.Where(u => u.AssociationId == association && u.Email != null).Select(u => u.Email!).ToListAsync();
        Assert.NotEmpty(recipients);
        return (reportId, recipients);
    }

    [GeneratedRegex(@"Reminder pass done: \d+ reports read, (\d+) reminders queued")]
    private static partial Regex QueuedCount();

    private static async Task<string> BilanTextAsync(HttpClient client) =>
        Spaces().Replace(WebUtility.HtmlDecode(await client.GetStringAsync("/Bilan/2018")), " ");

    private (string Id, string Version) DemoDraft2018()
    {
        using var connection = new SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Version FROM Conventions WHERE Status = 'Draft' AND BudgetYear = 2018";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "The demo data has a 2018 draft.");
        var found = (reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1));
        Assert.False(reader.Read(), "One 2018 draft only.");
        return found;
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"[\u00A0\u202F\s]+")]
    private static partial Regex Spaces();

    public void Dispose()
    {
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
}
