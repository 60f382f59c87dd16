using Microsoft.AspNetCore.Authorization;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Security;

public static class Policies
{
    /// <summary>Ministry staff who read everything: administrators, agents and managers.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Staff who record grants: administrators and agents.</summary>
    public const string Editor = nameof(Editor);

    public const string Administrator = nameof(Administrator);

    /// <summary>Staff who decide on applications to a call: administrators and managers.</summary>
    public const string Decider = nameof(Decider);

    /// <summary>Staff who write and publish the bilan's editions: administrators and managers, not agents.</summary>
    public const string Publisher = nameof(Publisher);

    /// <summary>An évaluateur: sees only the calls an administrator assigned them to.</summary>
    public const string Reviewer = nameof(Reviewer);

    /// <summary>An Association account linked to its association.</summary>
    public const string AssociationMember = nameof(AssociationMember);

    public static void Add(AuthorizationOptions options)
    {
        // Everything needs a signed-in user unless it says [AllowAnonymous].
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Administrator, Roles.Agent, Roles.Manager));
        options.AddPolicy(Editor, p => p.RequireRole(Roles.Administrator, Roles.Agent));
        options.AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(Decider, p => p.RequireRole(Roles.Administrator, Roles.Manager));
        options.AddPolicy(Publisher, p => p.RequireRole(Roles.Administrator, Roles.Manager));
        options.AddPolicy(Reviewer, p => p.RequireRole(Roles.Reviewer));
        options.AddPolicy(AssociationMember, p => p.RequireRole(Roles.Association).RequireClaim(PortalClaims.AssociationId));
    }
}

public static class PortalClaims
{
    public const string AssociationId = "portal:association";
    public const string FullName = "portal:fullname";

    /// <summary>"true" when the account has an authenticator app enrolled.</summary>
    public const string TwoFactor = "portal:2fa";
}
