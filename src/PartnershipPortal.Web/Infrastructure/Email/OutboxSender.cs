using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Email;

/// <summary>
/// One pass over the outbox: claims the due mails, sends them over one connection, records each outcome.
/// Claiming is a conditional UPDATE (only rows nobody holds), so two instances passing at the same moment split the
/// mails between them and never both send one.
/// </summary>
public sealed partial class OutboxSender(
    PortalDbContext db,
    IMailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    /// <summary>Identifies this process in <see cref="OutboxMail.ClaimedBy"/>, for whoever reads the table.</summary>
    public static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Sends every due mail; returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await ClaimBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            delivered += await DeliverAsync(batch, claimedAt: time.GetTimestamp(), cancellationToken);
            if (batch.Count < options.Value.Outbox.BatchSize)
            {
                break;
            }
        }

        return delivered;
    }

    private async Task<List<OutboxMail>> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        var now = time.GetUtcNow().UtcDateTime;
        var claim = $"{Instance}/{Guid.NewGuid():N}";
        var until = now + settings.ClaimDuration;

        var due = await Due(now).OrderBy(m => m.Id).Select(m => m.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The condition is checked again on each row as it is updated: a row another instance claimed in between
        // no longer matches and stays theirs.
        await Due(now).Where(m => due.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);

        return await db.OutboxMails.AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private IQueryable<OutboxMail> Due(DateTime now) => db.OutboxMails.Where(m =>
        m.SentAtUtc == null && m.FailedAtUtc == null && m.NextAttemptAtUtc <= now &&
        (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));

    private async Task<int> DeliverAsync(List<OutboxMail> batch, long claimedAt, CancellationToken cancellationToken)
    {
        IMailConnection connection;
        try
        {
            connection = await transport.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The server is down or refuses the session: every mail of the batch waits for its next attempt.
            foreach (var mail in batch)
            {
                await RecordFailureAsync(mail, e, cancellationToken);
            }

            return 0;
        }

        var delivered = 0;
        await using (connection)
        {
            foreach (var mail in batch)
            {
                if (time.GetElapsedTime(claimedAt) > options.Value.Outbox.ClaimDuration / 2)
                {
                    // A slow relay: hand the rest back before the claim could run out while this instance still
                    // holds them, which would let another instance send them too.
                    await ReleaseAsync(mail.ClaimedBy!, CancellationToken.None);
                    break;
                }

                try
                {
                    await connection.SendAsync(mail, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await RecordFailureAsync(mail, e, cancellationToken);
                    continue;
                }

                var now = time.GetUtcNow().UtcDateTime;
                await db.OutboxMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAtUtc, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null)
                    .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                delivered++;
                if (logger.IsEnabled(LogLevel.Information))
                {
                    Sent(logger, mail.Id, mail.Attempts + 1);
                }
            }
        }

        return delivered;
    }

    private Task<int> ReleaseAsync(string claim, CancellationToken cancellationToken) =>
        db.OutboxMails.Where(m => m.ClaimedBy == claim && m.SentAtUtc == null && m.FailedAtUtc == null && m.ClaimedUntilUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);

    private async Task RecordFailureAsync(OutboxMail mail, Exception error, CancellationToken cancellationToken)
    {
        var settings = options.Value.Outbox;
        var attempts = mail.Attempts + 1;
        var now = time.GetUtcNow().UtcDateTime;
        var givesUp = error is PermanentMailException || attempts >= settings.MaxAttempts;

        // Doubling from the first delay, capped; the exponent is capped too so that the arithmetic cannot overflow.
        var delay = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.FirstRetryDelay.Ticks << Math.Min(attempts - 1, 20)));
        var next = now + delay;

        // The error's type and message only: a server's reply never holds the body, an exception's stack is for the log.
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text.Length > 500 ? text[..500] : text;

        await db.OutboxMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.NextAttemptAtUtc, next)
            .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null)
            .SetProperty(m => m.FailedAtUtc, givesUp ? now : (DateTime?)null), CancellationToken.None);

        if (givesUp)
        {
            GaveUp(logger, mail.Id, attempts, error.GetType().Name, error.Message);
        }
        else
        {
            WillRetry(logger, mail.Id, attempts, next, error.GetType().Name, error.Message);
        }
    }

    // The recipient, subject and body stay out of the log: the body holds links, the id finds the rest in the table.
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Mail {MailId} sent (attempt {Attempt})")]
    private static partial void Sent(ILogger logger, long mailId, int attempt);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Mail {MailId} not sent (attempt {Attempt}), next try at {NextAttemptUtc:u}: {ErrorType} {ErrorMessage}")]
    private static partial void WillRetry(ILogger logger, long mailId, int attempt, DateTime nextAttemptUtc, string errorType, string errorMessage);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Mail {MailId} given up after {Attempt} attempts: {ErrorType} {ErrorMessage}")]
    private static partial void GaveUp(ILogger logger, long mailId, int attempt, string errorType, string errorMessage);
}
