using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Auditing;

namespace PartnershipPortal.Web.Infrastructure.Security;

/// <summary>Everything issue 3 adds to the start-up, kept out of Program.cs.</summary>
public static class SecurityServiceCollectionExtensions
{
    public const string LoginRateLimit = "login";
    public const string PasswordResetRateLimit = "password-reset";
    public const string PublicRateLimit = "public";

    /// <summary>Key of the authentication property that holds when the user signed in (for the absolute lifetime).</summary>
    public const string SignedInAtItem = "portal.signedInAt";

    public static SecurityOptions ReadSecurityOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(SecurityOptions.Section);
        var options = section.Get<SecurityOptions>() ?? new SecurityOptions();

        // Demo mode keeps the demo accounts usable without a phone, unless the setting is given explicitly.
        if (configuration.GetValue<bool>("Seed:Demo") && section[nameof(SecurityOptions.RequireTwoFactorForAdministrators)] is null)
        {
            options.RequireTwoFactorForAdministrators = false;
        }

        return options;
    }

    public static IServiceCollection AddPortalSecurity(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadSecurityOptions(configuration);
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddSingleton(options);

        services.AddScoped<AuditWriter>();

        services.AddTransient<SingleUseAuthenticatorTokenProvider>();
        services.Configure<IdentityOptions>(o => o.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] =
            new TokenProviderDescriptor(typeof(SingleUseAuthenticatorTokenProvider)));


        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.ValidationInterval = options.SecurityStampValidationInterval;
            o.TimeProvider = time;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, time) => ConfigureApplicationCookie(o, time, options, secure));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portail.af";

            // Antiforgery refuses to issue a Secure cookie on plain HTTP, which is what the portal sees behind a TLS proxy.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "portail.tempdata";
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Behind the TLS reverse proxy: the client's address (rate limits, audit log) and scheme (HSTS, Secure cookies)
        // come from X-Forwarded-For/-Proto, trusted only from the proxies listed (loopback by default).
        var proxies = configuration.GetSection($"{SecurityOptions.Section}:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                // A network range (172.30.0.0/24: the compose network, whose proxy address Docker picks) or one address.
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.LoginPermitLimit,
                    Window = options.LoginWindow,
                    QueueLimit = 0,
                }));
            o.AddPolicy(PasswordResetRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PasswordResetPermitLimit,
                    Window = options.PasswordResetWindow,
                    QueueLimit = 0,
                }));
            o.AddPolicy(PublicRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PublicPermitLimit,
                    Window = options.PublicWindow,
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    /// <summary>The forwarded client address and scheme, then security headers on every response; call first in the pipeline.</summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) =>
        app.UseForwardedHeaders().UseMiddleware<SecurityHeadersMiddleware>();

    /// <summary>Rate limits and the administrators' two-factor enrolment; call after UseAuthorization.</summary>
    public static IApplicationBuilder UsePortalSecurity(this IApplicationBuilder app) =>
        app.UseRateLimiter().UseMiddleware<TwoFactorEnrolmentMiddleware>();

    private static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static void ConfigureApplicationCookie(
        CookieAuthenticationOptions o, TimeProvider time, SecurityOptions options, CookieSecurePolicy secure)
    {
        o.TimeProvider = time;
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = secure;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
        o.SlidingExpiration = true;

        var events = o.Events;
        var signingIn = events.OnSigningIn;
        var validate = events.OnValidatePrincipal;
        events.OnSigningIn = context =>
        {
            // Kept across sliding renewals and stamp refreshes, unlike IssuedUtc.
            context.Properties.Items.TryAdd(SignedInAtItem, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return signingIn(context);
        };
        events.OnValidatePrincipal = async context =>
        {
            var signedInAt = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    ? at
                    : (DateTimeOffset?)null;
            if (signedInAt is null || time.GetUtcNow() - signedInAt > options.AbsoluteSessionLifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await validate(context);
        };
        events.OnRedirectToAccessDenied = async context =>
        {
            // A plain 403 (the status page renders the French message) rather than a redirect, and a line in the log.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            var request = context.HttpContext.Request;
            await context.HttpContext.RequestServices.GetRequiredService<AuditWriter>().WriteAsync(
                AuditActions.AccessDenied, details: $"403 {request.Method} {request.Path}{request.QueryString}",
                cancellationToken: context.HttpContext.RequestAborted);
        };
    }
}
