namespace PartnershipPortal.Data.Entities;

/// <summary>
/// A mail waiting to be sent, written in the same transaction as the change that caused it: the change and its mail
/// are saved together or not at all, and the sender delivers it later, retrying while the SMTP server is down.
/// </summary>
public class OutboxMail
{
    public long Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    /// <summary>Plain text, UTF-8. It may hold a single-use link: never logged, never shown on a page.</summary>
    public required string Body { get; set; }

    /// <summary>
    /// Optional: what the mail is about and at which stage ("reminder:report:42:J-7"). Unique, so that the same
    /// reminder cannot be queued twice, even by two instances at once.
    /// </summary>
    public string? DeduplicationKey { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the sender may try next: creation, then each retry after a growing delay.</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// While set and in the future, one sender instance holds the mail. A sender claims a mail only with a conditional
    /// update that checks this column, so two instances never both send it.
    /// </summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>Set when the sender gave up (the server refused the mail for good, or too many attempts).</summary>
    public DateTime? FailedAtUtc { get; set; }

    /// <summary>The last delivery error: the SMTP server's reply or the exception type, never the body.</summary>
    public string? LastError { get; set; }
}
