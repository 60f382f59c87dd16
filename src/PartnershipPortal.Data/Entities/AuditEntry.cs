namespace PartnershipPortal.Data.Entities;

/// <summary>
/// One line of the audit log: who did what to which record, with the values before and after.
/// Written in the same transaction as the change it records; the portal never updates or deletes one.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The signed-in user, the e-mail typed on a failed sign-in, or "système".</summary>
    public string? UserName { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>JSON object of the changed properties before the change (null on a create).</summary>
    public string? OldValues { get; set; }

    /// <summary>JSON object of the changed properties after the change (null on a delete).</summary>
    public string? NewValues { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>Free text: the path of a denied request, the reason of a failure.</summary>
    public string? Details { get; set; }
}

public static class AuditActions
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";
    public const string AccountChanged = "AccountChanged";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string TwoFactorChanged = "TwoFactorChanged";
    public const string AccessDenied = "AccessDenied";
    public const string FileUploaded = "FileUploaded";
    public const string FileDownloaded = "FileDownloaded";
    public const string FileDeleted = "FileDeleted";

    /// <summary>A convention's status changed through its lifecycle (signed, terminated, reopened...), with the reason.</summary>
    public const string Transition = "Transition";

    /// <summary>An edition of the bilan was published: which edition (its id), its years and the version number it took.</summary>
    public const string Publish = "Publish";

    public static readonly IReadOnlyList<string> All =
    [
        Create, Update, Delete, SignIn, SignInFailed, LockedOut, SignOut,
        AccountChanged, PasswordChanged, PasswordReset, TwoFactorChanged, AccessDenied, Transition,
        FileUploaded, FileDownloaded, FileDeleted, Publish,
    ];
}
