namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>The "Security" section of the configuration.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Administrators must enrol an authenticator app before anything else. Off by default in demo mode only.</summary>
    public bool RequireTwoFactorForAdministrators { get; set; } = true;

    /// <summary>A session ends after this long even if the user stays active (the idle timeout is 30 minutes).</summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often the cookie is checked against the account: a lock or a role change takes effect within this delay.</summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in attempts (POST) per client address and window.</summary>
    public int LoginPermitLimit { get; set; } = 10;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Password-reset requests (POST) per client address and window.</summary>
    public int PasswordResetPermitLimit { get; set; } = 5;

    public TimeSpan PasswordResetWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests to the public pages (/Publications) per client address and window: open to anyone, so bounded.</summary>
    public int PublicPermitLimit { get; set; } = 120;

    public TimeSpan PublicWindow { get; set; } = TimeSpan.FromMinutes(1);
}
