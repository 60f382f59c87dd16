using System.Security.Claims;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>
/// The main menu (_Navigation) depends on nothing but whether the reader is signed in, their roles and their language:
/// the layout keeps it rendered under that key (a cache tag) instead of building a dozen links and role checks on every
/// view (docs/performance.md, issue 15).
/// </summary>
public static class NavigationMenu
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>"anonymous", or the reader's roles in a fixed order, such as "roles:Administrator,Agent".</summary>
    public static string Key(ClaimsPrincipal user) =>
        user.Identity is ClaimsIdentity { IsAuthenticated: true } identity
            ? "roles:" + string.Join(',', user.FindAll(identity.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal))
            : "anonymous";
}
