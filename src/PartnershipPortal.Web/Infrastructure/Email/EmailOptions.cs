using MailKit.Security;

namespace PartnershipPortal.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "portail@ministere.invalid";

    /// <summary>Development: each mail is written as a .eml file there instead of being sent.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>The relay's host name; when set, mails are sent over SMTP (it wins over the pickup folder).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, Auto, SslOnConnect (port 465), StartTls (port 587, the default), StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class OutboxOptions
{
    /// <summary>How often the sender looks for due mails when nothing wakes it (a save that queued a mail does).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Mails claimed by one sender per pass, sent over one SMTP connection.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a claim holds. It must outlast a batch's delivery: a sender that dies mid-batch releases its mails
    /// when the claim runs out, and another instance sends them.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First retry delay; each failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// False leaves the sending to whoever calls <see cref="OutboxSender.SendDueAsync"/>: the tests, which then read
    /// the mails at a point they choose instead of racing the background sender.
    /// </summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>After this many failed attempts (about two days with the defaults) the mail is marked failed.</summary>
    public int MaxAttempts { get; set; } = 60;
}
