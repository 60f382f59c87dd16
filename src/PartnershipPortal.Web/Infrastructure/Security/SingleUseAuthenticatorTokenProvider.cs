using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>
/// Identity's authenticator check accepts the same code again for as long as it is valid (about 90 seconds);
/// a code seen by a shoulder-surfer or a phishing proxy could be replayed. This one accepts each code once.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<ApplicationUser>
{
    private const string LoginProvider = "[PortalAuthenticator]";
    private const string LastCodeName = "LastAcceptedCode";
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(3);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastCodeName);
        if (last?.Split('|') is [var code, var at]
            && code == token
            && long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < Validity)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastCodeName,
            string.Create(CultureInfo.InvariantCulture, $"{token}|{now.ToUnixTimeSeconds()}"));
        return true;
    }
}
