using Microsoft.AspNetCore.Mvc.Controllers;

namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>
/// Security headers on every response, error pages included: they are added when the response starts,
/// after the exception handler has cleared the headers of a failed response.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Scripts and styles only from the portal's own files: no inline script, no CDN.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string SandboxKey = "portal:csp-sandbox";

    /// <summary>
    /// A download: its CSP also sandboxes the document, so that a file opened in the browser runs no script and
    /// reaches no cookie of the portal's origin.
    /// </summary>
    public static void SandboxResponse(HttpContext context) => context.Items[SandboxKey] = true;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items.ContainsKey(SandboxKey)
                ? "default-src 'none'; sandbox; frame-ancestors 'none'"
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.User.Identity?.IsAuthenticated == true
                && context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            {
                // Pages of a signed-in user must not stay in a shared computer's cache.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
