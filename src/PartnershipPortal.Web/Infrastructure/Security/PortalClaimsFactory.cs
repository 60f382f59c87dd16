using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>Puts the linked association and the display name in the cookie, so no page looks them up again.</summary>
public sealed class PortalClaimsFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AssociationId is int associationId)
        {
            identity.AddClaim(new Claim(PortalClaims.AssociationId, associationId.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrWhiteSpace(user.FullName))
        {
            identity.AddClaim(new Claim(PortalClaims.FullName, user.FullName));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(PortalClaims.TwoFactor, "true"));
        }

        return identity;
    }
}
