using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Email;

/// <summary>Where queued mails go: an SMTP relay in production, a pickup folder in development.</summary>
public interface IMailTransport
{
    /// <summary>Opens one connection for a batch: an SMTP session is reused for every mail of the batch.</summary>
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

public interface IMailConnection : IAsyncDisposable
{
    Task SendAsync(OutboxMail mail, CancellationToken cancellationToken);
}

/// <summary>A delivery that will never succeed (the server refused the recipient or the message for good).</summary>
public sealed class PermanentMailException(string message, Exception inner) : Exception(message, inner);

internal static class MimeMessages
{
    public static MimeMessage Create(OutboxMail mail, EmailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));

        // MimeKit encodes a non-ASCII subject (French accents, Arabic) as RFC 2047 UTF-8 words.
        message.Subject = mail.Subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAtUtc, DateTimeKind.Utc));

        // A stable id per queued mail: a relay or a reader can recognize a retry of the same mail.
        message.MessageId = $"outbox-{mail.Id}.{mail.CreatedAtUtc.Ticks}@{MailboxAddress.Parse(options.From).Domain}";
        // 8bit keeps the text (and its link) readable in the file; MailKit re-encodes it for a relay without 8BITMIME.
        message.Body = new TextPart("plain") { Text = mail.Body, ContentTransferEncoding = ContentEncoding.EightBit };
        return message;
    }
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;

        // No protocol logger: the session would hold the bodies (reset links) and the AUTH exchange.
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new Connection(client, options.Value);
    }

    private sealed class Connection(SmtpClient client, EmailOptions options) : IMailConnection
    {
        public async Task SendAsync(OutboxMail mail, CancellationToken cancellationToken)
        {
            using var message = MimeMessages.Create(mail, options);
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                // 5xx: the server will answer the same to a retry (unknown mailbox, message refused).
                throw new PermanentMailException($"SMTP {(int)e.StatusCode} {e.ErrorCode}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or ServiceNotConnectedException or ProtocolException or OperationCanceledException)
            {
                // The mails of the batch are already recorded as sent or failed; a broken QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>Development and tests: each mail becomes a .eml file that a mail reader opens.</summary>
public sealed class PickupFolderMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.PickupDirectory!;
        Directory.CreateDirectory(folder);
        return Task.FromResult<IMailConnection>(new Connection(folder, options.Value));
    }

    private sealed class Connection(string folder, EmailOptions options) : IMailConnection
    {
        public async Task SendAsync(OutboxMail mail, CancellationToken cancellationToken)
        {
            using var message = MimeMessages.Create(mail, options);

            // Written under a temporary name then renamed: a reader watching the folder never sees half a file.
            var name = $"{mail.CreatedAtUtc:yyyyMMddHHmmssfff}-{mail.Id:D8}.eml";
            var temporary = Path.Combine(folder, name + ".tmp");
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(folder, name), overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
