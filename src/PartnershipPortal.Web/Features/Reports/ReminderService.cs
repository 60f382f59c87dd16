using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Payments;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>
/// Queues the reminders of reports not yet submitted (or returned), before and after their due date on the stages of
/// <see cref="ReminderRules"/>. Exactly once per report, stage and recipient: the mails carry a deduplication key that
/// the outbox holds unique, so a pass repeated after a restart, or run by two instances at once, queues nothing twice.
/// </summary>
public sealed partial class ReminderService(PortalDbContext db, ReportMailer mailer, IOptionsMonitor<ReminderRules> rules, TimeProvider time, ILogger<ReminderService> logger)
{
    /// <summary>A stage is still sent this many days after its day, so that an instance down over a weekend catches up.</summary>
    public const int CatchUpDays = 7;

    /// <summary>
    /// One pass: the reminders that are due today and not yet queued, for at most <see cref="ReminderRules.BatchSize"/>
    /// reports. Says how many reports it read, how many got a reminder, and whether more are waiting.
    /// </summary>
    public async Task<ReminderPass> QueueDueAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var settings = rules.CurrentValue;
        var stages = settings.EffectiveDaysBefore.Where(d => d > 0).Select(d => -d)
            .Concat(settings.EffectiveDaysAfter.Where(d => d >= 0)).Distinct().Order().ToList();
        if (stages.Count == 0)
        {
            return new ReminderPass(0, 0, false);
        }

        // Only the reports one of whose stages is current: due within [today - last stage - catch-up, today - first stage];
        // with repetitions, every report still missing after its last stage. Of those, only the ones whose next reminder
        // has come, or that no pass has seen yet (NextReminderOn, moved on below after each report is dealt with).
        var repeat = Math.Max(0, settings.RepeatEveryDays);
        var to = today.AddDays(-stages[0]);
        var candidates = db.ConventionReports.AsNoTracking()
            .Where(r => (r.Status == ReportStatus.Due || r.Status == ReportStatus.Returned) && (r.NextReminderOn == null || r.NextReminderOn <= today)
                && r.DueDate <= to
                && Convention.SignedStatuses.Contains(r.Convention!.Status) && r.Convention.Status != ConventionStatus.Terminated);
        if (repeat == 0)
        {
            var from = today.AddDays(-stages[^1] - CatchUpDays + 1);
            candidates = candidates.Where(r => r.DueDate >= from);
        }

        // Unseen reports first (NULL sorts first on both providers), then the longest waiting; one more than the batch
        // tells whether another pass must follow.
        var batch = settings.EffectiveBatchSize;
        var reports = await candidates
            .OrderBy(r => r.NextReminderOn).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Kind, r.DueDate, r.Convention!.AssociationId, r.Convention.Reference })
            .Take(batch + 1)
            .ToListAsync(cancellationToken);
        var more = reports.Count > batch;
        if (more)
        {
            reports.RemoveAt(batch);
        }

        var queued = 0;
        var seen = new Dictionary<DateOnly, List<int>>();
        foreach (var report in reports)
        {
            if (Current(stages, repeat, report.DueDate, today) is { } current
                && !await db.OutboxMails.AnyAsync(m => m.DeduplicationKey!.StartsWith(ReportMailer.StageKey(report.Id, current.Stage, current.Repetition) + ":"), cancellationToken))
            {
                // Counted only when a mail was written: a report with nobody to write to is passed over, not "queued".
                if (await mailer.QueueReminderAsync(report.AssociationId, report.Id, report.Reference, report.Kind, report.DueDate, current.Stage, current.Repetition, cancellationToken))
                {
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        queued++;
                    }
                    catch (DbUpdateException)
                    {
                        // Another instance queued the same reminder between the check and the save: its unique key won.
                        db.ChangeTracker.Clear();
                        AlreadyQueued(logger, report.Id, current.Stage, current.Repetition);
                    }
                }
            }

            // Once its reminder is queued (or was, or none is due today), the report is not read again before its next
            // stage; with no stage left, never again (the last day there is: NULL would mean "not seen yet" and put it
            // back at the head of every batch). Written by groups of the same day (one UPDATE each, not one per report);
            // a pass that fails first leaves them to the next pass, which finds the mails' keys.
            var next = Next(stages, repeat, report.DueDate, today) ?? DateOnly.MaxValue;
            if (!seen.TryGetValue(next, out var ids))
            {
                seen[next] = ids = [];
            }

            ids.Add(report.Id);
        }

        foreach (var (next, ids) in seen)
        {
            foreach (var chunk in ids.Chunk(1_000))
            {
                var reportIds = chunk.ToList();
                await db.ConventionReports.Where(r => EF.Parameter(reportIds).Contains(r.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextReminderOn, next), cancellationToken);
            }
        }

        return new ReminderPass(reports.Count, queued, more);
    }

    /// <summary>
    /// The stage to send today, if any: the latest stage whose day has come and whose catch-up has not run out; after
    /// the last stage, with repetitions, repetition k falls on the last stage's day plus k times the interval and stays
    /// current until the next one (a portal stopped for longer sends the latest, not every one it missed).
    /// </summary>
    public static (int Stage, int Repetition)? Current(IReadOnlyList<int> stages, int repeatEveryDays, DateOnly due, DateOnly today)
    {
        var last = stages[^1];
        if (repeatEveryDays > 0 && last >= 0)
        {
            var late = today.DayNumber - due.AddDays(last).DayNumber;
            if (late >= repeatEveryDays)
            {
                return (last + (late / repeatEveryDays * repeatEveryDays), late / repeatEveryDays);
            }
        }

        return stages.Where(s => due.AddDays(s) <= today && today < due.AddDays(s + CatchUpDays)).Select(s => ((int, int)?)(s, 0)).LastOrDefault();
    }

    /// <summary>
    /// The first day after <paramref name="today"/> on which a stage or a repetition of a report due on
    /// <paramref name="due"/> begins; none when no stage is left and nothing repeats.
    /// </summary>
    public static DateOnly? Next(IReadOnlyList<int> stages, int repeatEveryDays, DateOnly due, DateOnly today)
    {
        if (stages.Select(s => due.AddDays(s)).Where(d => d > today).Order().Cast<DateOnly?>().FirstOrDefault() is { } stage)
        {
            return stage;
        }

        var last = due.AddDays(stages[^1]);
        if (repeatEveryDays <= 0 || stages[^1] < 0)
        {
            return null;
        }

        var after = (today.DayNumber - last.DayNumber) / repeatEveryDays + 1;
        return last.AddDays(after * repeatEveryDays);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Reminder of report {ReportId} at stage {Stage} (repetition {Repetition}) already queued by another instance")]
    private static partial void AlreadyQueued(ILogger logger, int reportId, int stage, int repetition);
}

/// <summary>What one reminder pass did: the reports it read, the reminders it queued, and whether reports are still waiting.</summary>
public readonly record struct ReminderPass(int Read, int Queued, bool More);

/// <summary>Runs a reminder pass every <see cref="ReminderRules.Interval"/> on each instance (the deduplication keys make that safe).</summary>
public sealed partial class ReminderDispatcher(IServiceScopeFactory scopes, IOptionsMonitor<ReminderRules> rules, TimeProvider time, ILogger<ReminderDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!rules.CurrentValue.RunInBackground)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<ReminderService>().QueueDueAsync(stoppingToken);
                PassDone(logger, pass.Read, pass.Queued);
                if (pass.More)
                {
                    // The batch was full: the next one at once, not after the interval.
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was unreachable for this pass: the next one finds the same reminders still due.
                PassFailed(logger, e);
            }

            try
            {
                await Task.Delay(rules.CurrentValue.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 62, Level = LogLevel.Debug, Message = "Reminder pass done: {Read} reports read, {Queued} reminders queued")]
    private static partial void PassDone(ILogger logger, int read, int queued);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "The reminder pass failed; the reminders stay due")]
    private static partial void PassFailed(ILogger logger, Exception exception);
}
