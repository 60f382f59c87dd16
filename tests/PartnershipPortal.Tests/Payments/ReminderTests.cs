using System.Data.Common;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Reports;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// An instance of the portal on a database another instance also uses, with its own clock: two of them are two
/// instances behind a balancer; disposing one and starting another on the same file is a restart.
/// </summary>
public sealed class InstancePortalFactory(string databasePath, DateTimeOffset now) : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(now);

    /// <summary>Services a test puts in place of the portal's, after the clock (another clock, a logger, an interceptor).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public async Task<ReminderPass> RemindAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderService>().QueueDueAsync(CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={databasePath}");
        builder.UseSetting("Rules:Reports:InterimAtMidTerm", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> seen through a provider that counts the waits of one length it is asked for: the
/// reminder dispatcher's wait between passes (<c>Task.Delay</c> on the portal's clock makes a timer of that length).
/// </summary>
public sealed class WatchedClock(FakeTimeProvider clock, TimeSpan watched) : TimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        if (dueTime == watched)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Until the next wait of the watched length begins. The minute is a guard against a dispatcher that never waits
    /// again (the test then fails); a dispatcher that works waits within the pass's own time.
    /// </summary>
    public async Task NextWaitAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _waits.Reader.ReadAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("The dispatcher did not wait for its interval.");
        }
    }
}

/// <summary>Reminder mails before and after a report's due date: each stage once, whatever the passes, restarts and instances.</summary>
public sealed class ReminderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-reminders", Guid.NewGuid().ToString("N"));

    // Far from the wall clock and from the demo data's dates: 10 January 2061.
    private static readonly DateTimeOffset Start = new(2061, 1, 10, 9, 0, 0, TimeSpan.Zero);

    public ReminderTests() => Directory.CreateDirectory(_folder);

    private string DatabasePath => Path.Combine(_folder, "shared.db");

    private static Task<List<string>> KeysAsync(PortalFactory factory, int reportId) => factory.WithDbAsync(db =>
    {
        var prefix = $"rapport:{reportId}:";
        return db.OutboxMails.AsNoTracking().Where(m => m.DeduplicationKey!.StartsWith(prefix)).OrderBy(m => m.Id)
            .Select(m => m.DeduplicationKey!.Substring(0, m.DeduplicationKey.LastIndexOf(':'))).ToListAsync();
    });

    private static void MoveTo(InstancePortalFactory factory, DateOnly day) =>
        factory.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    /// <summary>A convention of the demo association signed on 01/02/2061, its projects ending 31/12/2061: the final report is due 01/03/2062.</summary>
    private static async Task<(int ConventionId, ConventionReport Final)> SignedAsync(InstancePortalFactory factory)
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await PaymentTestKit.SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1), associationId, new Line("Projet suivi", 30_000_00));
        var final = (await ReportsAsync(factory, id)).Single();
        Assert.Equal((ReportKind.Final, new DateOnly(2062, 3, 1)), (final.Kind, final.DueDate));
        return (id, final);
    }

    [Fact]
    public async Task Each_stage_is_mailed_once_as_the_clock_moves_and_not_again_after_a_restart_nor_once_submitted()
    {
        var first = new InstancePortalFactory(DatabasePath, Start);
        var (_, final) = await SignedAsync(first);
        var reportId = final.Id;

        await first.RemindAsync();
        Assert.Empty(await KeysAsync(first, reportId));

        MoveTo(first, new DateOnly(2062, 2, 14));
        await first.RemindAsync();
        Assert.Empty(await KeysAsync(first, reportId));

        MoveTo(first, new DateOnly(2062, 2, 15));
        await first.RemindAsync();
        await first.RemindAsync();
        Assert.Equal([$"rapport:{reportId}:avant:14"], await KeysAsync(first, reportId));
        // Read again only on its next stage's day, three days before it is due: passes in between do not load it.
        Assert.Equal(new DateOnly(2062, 2, 26), await first.WithDbAsync(db => db.ConventionReports.Where(r => r.Id == reportId).Select(r => r.NextReminderOn).SingleAsync()));
        var mail = Assert.Single(await first.MailsAsync(), m => m.Contains($"/MonEspace/Rapports/{reportId}", StringComparison.Ordinal));
        Assert.Contains("association@portail.test", mail, StringComparison.Ordinal);
        Assert.Contains("01/03/2062", mail, StringComparison.Ordinal);

        // A restart: the same database, a new process, a pass on the same day.
        await first.DisposeAsync();
        var restarted = new InstancePortalFactory(DatabasePath, new DateTimeOffset(2062, 2, 16, 9, 0, 0, TimeSpan.Zero));
        await restarted.RemindAsync();
        Assert.Equal([$"rapport:{reportId}:avant:14"], await KeysAsync(restarted, reportId));

        MoveTo(restarted, new DateOnly(2062, 2, 26));
        await restarted.RemindAsync();
        MoveTo(restarted, new DateOnly(2062, 3, 2));
        await restarted.RemindAsync();
        await restarted.RemindAsync();
        Assert.Equal([$"rapport:{reportId}:avant:14", $"rapport:{reportId}:avant:3", $"rapport:{reportId}:apres:1"], await KeysAsync(restarted, reportId));
        Assert.Contains((await restarted.MailsAsync()), m => m.Contains("Retard", StringComparison.Ordinal) && m.Contains($"/MonEspace/Rapports/{reportId}", StringComparison.Ordinal));

        // Submitted: the reminders stop.
        await restarted.WithDbAsync(async db =>
        {
            var report = await db.ConventionReports.SingleAsync(r => r.Id == reportId);
            report.Status = ReportStatus.Submitted;
            await db.SaveChangesAsync();
        });
        MoveTo(restarted, new DateOnly(2062, 3, 16));
        await restarted.RemindAsync();
        Assert.Equal(3, (await KeysAsync(restarted, reportId)).Count);
        await restarted.DisposeAsync();
    }

    [Fact]
    public async Task A_report_still_missing_after_the_last_stage_is_reminded_at_the_configured_interval_each_repetition_once()
    {
        var first = new InstancePortalFactory(DatabasePath, Start);
        first.Settings["Rules:Reminders:RepeatEveryDays"] = "10";
        var (_, final) = await SignedAsync(first);
        var id = final.Id;
        string[] stages = [$"rapport:{id}:avant:14", $"rapport:{id}:avant:3", $"rapport:{id}:apres:1", $"rapport:{id}:apres:15"];

        // Due 01/03/2062: the stages, then the last one (15 days after, 16/03) repeated on 26/03, 05/04, 15/04...
        foreach (var day in new[] { new DateOnly(2062, 2, 15), new DateOnly(2062, 2, 26), new DateOnly(2062, 3, 2), new DateOnly(2062, 3, 16), new DateOnly(2062, 3, 25) })
        {
            MoveTo(first, day);
            await first.RemindAsync();
        }

        Assert.Equal(stages, await KeysAsync(first, id));

        MoveTo(first, new DateOnly(2062, 3, 26));
        await first.RemindAsync();
        await first.RemindAsync();
        Assert.Equal([.. stages, $"rapport:{id}:relance:1"], await KeysAsync(first, id));
        var late = (await first.MailsAsync()).Where(m => m.Contains($"/MonEspace/Rapports/{id}", StringComparison.Ordinal) && m.Contains("Retard", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, late.Count);

        // A restart the day before the second repetition, then on its day; then the portal is stopped for three weeks:
        // it sends the repetition of the day it comes back, not the ones it missed.
        await first.DisposeAsync();
        var restarted = new InstancePortalFactory(DatabasePath, new DateTimeOffset(2062, 4, 4, 9, 0, 0, TimeSpan.Zero));
        restarted.Settings["Rules:Reminders:RepeatEveryDays"] = "10";
        await restarted.RemindAsync();
        MoveTo(restarted, new DateOnly(2062, 4, 5));
        await restarted.RemindAsync();
        await restarted.RemindAsync();
        MoveTo(restarted, new DateOnly(2062, 4, 27));
        await restarted.RemindAsync();
        Assert.Equal([.. stages, $"rapport:{id}:relance:1", $"rapport:{id}:relance:2", $"rapport:{id}:relance:4"], await KeysAsync(restarted, id));

        // Submitted: the repetitions stop.
        await restarted.WithDbAsync(async db =>
        {
            var report = await db.ConventionReports.SingleAsync(r => r.Id == id);
            report.Status = ReportStatus.Submitted;
            await db.SaveChangesAsync();
        });
        MoveTo(restarted, new DateOnly(2062, 5, 20));
        await restarted.RemindAsync();
        Assert.Equal(7, (await KeysAsync(restarted, id)).Count);
        await restarted.DisposeAsync();
    }

    [Fact]
    public async Task A_pass_reads_at_most_its_batch_and_the_next_passes_read_the_rest_each_report_reminded_once()
    {
        var first = new InstancePortalFactory(DatabasePath, Start);
        first.Settings["Rules:Reminders:BatchSize"] = "2";
        first.Settings["Rules:Reminders:RepeatEveryDays"] = "0";
        var finals = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            finals.Add((await SignedAsync(first)).Final.Id);
        }

        // The day after the three final reports' due date; the demo's own reports are read by the same passes.
        MoveTo(first, new DateOnly(2062, 3, 2));
        var open = await first.WithDbAsync(db => db.ConventionReports.CountAsync(r => r.Status == ReportStatus.Due || r.Status == ReportStatus.Returned));
        var remindedBefore = await RemindedReportsAsync(first);
        var passes = new List<ReminderPass> { await first.RemindAsync() };
        while (passes[^1].More && passes.Count <= open)
        {
            passes.Add(await first.RemindAsync());
        }

        Assert.Equal((2, true), (passes[0].Read, passes[0].More));
        Assert.All(passes.SkipLast(1), p => Assert.Equal(2, p.Read));
        Assert.False(passes[^1].More);
        Assert.InRange(passes.Count, 2, open);
        foreach (var id in finals)
        {
            Assert.Equal([$"rapport:{id}:apres:1"], await KeysAsync(first, id));
        }

        // The passes say how many reports got a reminder: the three finals and whichever demo reports fell due with them.
        var reminded = (await RemindedReportsAsync(first)).Except(remindedBefore).ToList();
        Assert.Superset(finals.ToHashSet(), reminded.ToHashSet());
        Assert.Equal(reminded.Count, passes.Sum(p => p.Queued));

        // Every report read has its next day set: the same day's next pass reads nothing, the next stage's day reads them
        // again; after the last stage (nothing repeats here), nothing is read again.
        Assert.Equal(new ReminderPass(0, 0, false), await first.RemindAsync());
        MoveTo(first, new DateOnly(2062, 3, 16));
        for (var pass = 0; pass <= open && (await first.RemindAsync()).More; pass++)
        {
        }

        foreach (var id in finals)
        {
            Assert.Equal([$"rapport:{id}:apres:1", $"rapport:{id}:apres:15"], await KeysAsync(first, id));
        }

        Assert.Equal(new ReminderPass(0, 0, false), await first.RemindAsync());

        await first.DisposeAsync();
    }

    [Fact]
    public async Task The_background_dispatcher_passes_again_at_once_while_batches_are_full_then_waits_for_its_interval()
    {
        var (portal, clock, watched) = Dispatching(_ => { });
        portal.Settings["Rules:Reminders:BatchSize"] = "2";
        portal.Settings["Rules:Reminders:RepeatEveryDays"] = "0";

        // The first pass runs as the portal starts; the three final reports written after it have not been read yet.
        _ = portal.Services;
        await watched.NextWaitAsync();
        var finals = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            finals.Add((await SignedAsync(portal)).Final.Id);
        }

        // The day after they fall due: the wait ends, and by the next wait each of the three has its reminder, though a
        // batch holds two of them.
        clock.SetUtcNow(new DateTimeOffset(2062, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await watched.NextWaitAsync();
        foreach (var id in finals)
        {
            Assert.Equal([$"rapport:{id}:apres:1"], await KeysAsync(portal, id));
        }

        // On the last stage's day the wait ends again.
        clock.SetUtcNow(new DateTimeOffset(2062, 3, 16, 9, 0, 0, TimeSpan.Zero));
        await watched.NextWaitAsync();
        foreach (var id in finals)
        {
            Assert.Equal([$"rapport:{id}:apres:1", $"rapport:{id}:apres:15"], await KeysAsync(portal, id));
        }

        await portal.DisposeAsync();
    }

    [Fact]
    public async Task A_pass_that_fails_is_logged_as_an_error_and_the_next_one_sends_what_was_due()
    {
        var unreachable = new FailsOnce("\"NextReminderOn\"");
        var (portal, clock, watched) = Dispatching(services =>
        {
            services.AddLogging(logging => logging.AddFakeLogging());
            services.ConfigureDbContext<PortalDbContext>((_, options) => options.AddInterceptors(unreachable));
        });
        portal.Settings["Logging:LogLevel:PartnershipPortal.Web.Features.Reports"] = "Debug";
        var (_, final) = await SignedAsync(portal);
        await watched.NextWaitAsync();

        // The day after the final report fell due, the database does not answer the pass's first query.
        unreachable.Arm();
        clock.SetUtcNow(new DateTimeOffset(2062, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await watched.NextWaitAsync();
        Assert.Empty(await KeysAsync(portal, final.Id));
        var failed = Assert.Single(Reminders(portal), r => r.Level == LogLevel.Error);
        Assert.Equal("The reminder pass failed; the reminders stay due", failed.Message);
        Assert.Same(unreachable.Thrown, failed.Exception);

        // An interval later it answers again: the reminder goes, and the pass says how many it queued.
        var remindedBefore = await RemindedReportsAsync(portal);
        clock.Advance(DispatcherInterval);
        await watched.NextWaitAsync();
        Assert.Equal([$"rapport:{final.Id}:apres:1"], await KeysAsync(portal, final.Id));
        var reminded = (await RemindedReportsAsync(portal)).Except(remindedBefore).Count();
        var done = Reminders(portal).Last(r => r.Level == LogLevel.Debug).Message;
        Assert.Matches($@"^Reminder pass done: \d+ reports read, {reminded} reminders queued$", done);
        await portal.DisposeAsync();
    }

    /// <summary>An interval of 17 minutes, so that the dispatcher's wait is told apart from the portal's other timers.</summary>
    private static readonly TimeSpan DispatcherInterval = TimeSpan.FromMinutes(17);

    /// <summary>A portal whose reminder dispatcher runs in the background on a clock the test moves and watches.</summary>
    private (InstancePortalFactory Portal, FakeTimeProvider Clock, WatchedClock Watched) Dispatching(Action<IServiceCollection> services)
    {
        var clock = new FakeTimeProvider(Start);
        var watched = new WatchedClock(clock, DispatcherInterval);
        var portal = new InstancePortalFactory(DatabasePath, Start)
        {
            TestServices = s =>
            {
                s.AddSingleton<TimeProvider>(watched);
                services(s);
            },
        };
        portal.Settings["Rules:Reminders:RunInBackground"] = "true";
        portal.Settings["Rules:Reminders:Interval"] = "00:17:00";
        return (portal, clock, watched);
    }

    /// <summary>What the reminder dispatcher logged.</summary>
    private static List<FakeLogRecord> Reminders(InstancePortalFactory factory) =>
        [.. factory.Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Where(r => r.Category == typeof(ReminderDispatcher).FullName)];

    /// <summary>
    /// Once armed, fails the next query whose text holds <paramref name="marker"/> as SQLite fails when the database
    /// cannot be read, then lets every query through again.
    /// </summary>
    private sealed class FailsOnce(string marker) : DbCommandInterceptor
    {
        private int _armed;

        public Exception? Thrown { get; private set; }

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(marker, StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Thrown = new SqliteException("SQLite Error 10: 'disk I/O error'.", 10);
                throw Thrown;
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The reports that have at least one reminder in the outbox.</summary>
    private static async Task<List<int>> RemindedReportsAsync(PortalFactory factory) =>
        [.. (await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.DeduplicationKey!.StartsWith("rapport:")).Select(m => m.DeduplicationKey!).ToListAsync()))
            .Select(k => int.Parse(k.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

    [Fact]
    public async Task Without_any_stage_configured_a_pass_reads_nothing_and_leaves_nothing_waiting()
    {
        // A stage "before" must be at least a day before, a stage "after" at least the due date: these two are neither.
        var portal = new InstancePortalFactory(DatabasePath, Start);
        portal.Settings["Rules:Reminders:DaysBefore:0"] = "0";
        portal.Settings["Rules:Reminders:DaysAfter:0"] = "-1";
        var (_, final) = await SignedAsync(portal);

        MoveTo(portal, new DateOnly(2062, 3, 2));
        Assert.Equal(new ReminderPass(0, 0, false), await portal.RemindAsync());
        Assert.Empty(await KeysAsync(portal, final.Id));
        await portal.DisposeAsync();
    }

    [Theory]
    [InlineData(14, 2062, 2, 10, 2062, 2, 15)]
    [InlineData(14, 2062, 2, 15, 2062, 2, 26)]
    [InlineData(14, 2062, 3, 2, 2062, 3, 16)]
    [InlineData(14, 2062, 3, 16, 2062, 3, 30)]
    [InlineData(14, 2062, 3, 20, 2062, 3, 30)]
    [InlineData(14, 2062, 4, 13, 2062, 4, 27)]
    [InlineData(0, 2062, 3, 16, null, null, null)]
    public void The_next_day_to_look_at_a_report_is_its_next_stage_then_its_next_repetition(int every, int year, int month, int day, int? nextYear, int? nextMonth, int? nextDay)
    {
        // Due 01/03/2062; stages 14 and 3 days before (15/02, 26/02), 1 and 15 days after (02/03, 16/03), then every `every` days.
        var next = ReminderService.Next([-14, -3, 1, 15], every, new DateOnly(2062, 3, 1), new DateOnly(year, month, day));
        Assert.Equal(nextYear is null ? null : new DateOnly(nextYear.Value, nextMonth!.Value, nextDay!.Value), next);
    }

    [Theory]
    [InlineData(0, 2062, 3, 30, null, null)]
    [InlineData(14, 2062, 3, 29, null, null)]
    [InlineData(14, 2062, 3, 30, 29, 1)]
    [InlineData(14, 2062, 4, 26, 43, 2)]
    [InlineData(14, 2062, 3, 16, 15, 0)]
    [InlineData(0, 2062, 3, 22, 15, 0)]
    [InlineData(0, 2062, 3, 23, null, null)]
    [InlineData(14, 2062, 2, 26, -3, 0)]
    public void The_current_stage_after_the_last_one_is_the_latest_repetition(int every, int year, int month, int day, int? stage, int? repetition)
    {
        // Due 01/03/2062; stages 14 and 3 days before, 1 and 15 days after; without repetitions the last stage (16/03) is
        // still sent for seven days, up to 22/03.
        var current = ReminderService.Current([-14, -3, 1, 15], every, new DateOnly(2062, 3, 1), new DateOnly(year, month, day));
        Assert.Equal(stage is null ? null : (stage.Value, repetition!.Value), current);
    }

    [Fact]
    public async Task Two_instances_passing_at_the_same_time_queue_and_send_each_reminder_once()
    {
        var first = new InstancePortalFactory(DatabasePath, Start);
        var (_, final) = await SignedAsync(first);
        var second = new InstancePortalFactory(DatabasePath, Start);
        _ = second.Services; // started: migrations and seeding found in place

        MoveTo(first, new DateOnly(2062, 3, 2));
        MoveTo(second, new DateOnly(2062, 3, 2));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RemindAsync())));
        // A pass that lost a write lock to the other instance finds the reminder queued, or queues it now.
        await first.RemindAsync();
        await second.RemindAsync();

        Assert.Equal([$"rapport:{final.Id}:apres:1"], await KeysAsync(first, final.Id));
        await Task.WhenAll(first.DeliverMailAsync(), second.DeliverMailAsync());
        var delivered = (await first.MailsAsync()).Concat(await second.MailsAsync())
            .Count(m => m.Contains($"/MonEspace/Rapports/{final.Id}", StringComparison.Ordinal));
        Assert.Equal(1, delivered);
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS temp cleaner will take it.
        }
    }
}
