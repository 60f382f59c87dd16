using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Email;

/// <summary>
/// Queues mails in the request's own <see cref="PortalDbContext"/>: they are saved by the caller's next
/// <c>SaveChangesAsync</c>, in the same transaction as the change that caused them, and sent afterwards by
/// <see cref="OutboxDispatcher"/>. Nothing is sent for a change that was not saved.
/// </summary>
public sealed class MailOutbox(PortalDbContext db, OutboxSignal signal, TimeProvider time)
{
    private bool _listening;

    public void Add(string to, string subject, string body, string? deduplicationKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var now = time.GetUtcNow().UtcDateTime;
        db.OutboxMails.Add(new OutboxMail
        {
            To = to.Trim(),
            Subject = subject,
            Body = body,
            DeduplicationKey = deduplicationKey,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });

        if (!_listening)
        {
            // Wake the sender as soon as the mail is committed rather than at its next poll.
            db.SavedChanges += (_, _) => signal.Pulse();
            _listening = true;
        }
    }
}

/// <summary>Wakes the sender when a mail was queued in this process.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Pulse()
    {
        // A pending pulse is enough: the sender takes every due mail on each pass.
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
