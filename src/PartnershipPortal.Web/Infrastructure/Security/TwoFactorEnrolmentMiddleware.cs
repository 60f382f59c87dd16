using Microsoft.AspNetCore.Mvc.Controllers;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>
/// With Security:RequireTwoFactorForAdministrators, an administrator without an authenticator app opens nothing
/// but their own account pages until they enrol one.
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next, SecurityOptions options)
{
    public const string EnrolPath = "/Account/TwoFactor";

    public Task InvokeAsync(HttpContext context)
    {
        if (options.RequireTwoFactorForAdministrators
            && context.User.IsInRole(Roles.Administrator)
            && !context.User.HasClaim(PortalClaims.TwoFactor, "true")
            && context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action
            && action.ControllerName is not ("Account" or "Error"))
        {
            context.Response.Redirect(EnrolPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
