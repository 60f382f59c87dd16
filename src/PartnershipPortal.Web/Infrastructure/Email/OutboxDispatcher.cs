using Microsoft.Extensions.Options;

namespace PartnershipPortal.Web.Infrastructure.Email;

/// <summary>
/// Runs <see cref="OutboxSender"/> in the background: at once when a mail was queued in this process, and every
/// <see cref="OutboxOptions.PollInterval"/> for retries and for mails queued by another instance.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (migrations run before the host starts; this only yields the thread).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was unreachable for this pass: the mails stay queued, the next pass tries again.
                PassFailed(logger, e);
            }

            try
            {
                await signal.WaitAsync(options.Value.Outbox.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "The outbox pass failed; the mails stay queued")]
    private static partial void PassFailed(ILogger logger, Exception exception);
}
