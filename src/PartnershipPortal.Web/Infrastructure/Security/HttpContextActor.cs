using PartnershipPortal.Data.Auditing;

namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>The signed-in user's name on a request; "système" for the seeder and the commands.</summary>
public sealed class HttpContextActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public const string System = "système";

    public string? Name => accessor.HttpContext?.User.Identity?.IsAuthenticated == true
        ? accessor.HttpContext.User.Identity.Name
        : System;

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
