using System.Diagnostics;
using System.Security.Claims;

namespace PartnershipPortal.Web.Infrastructure.Logging;

/// <summary>
/// What the portal logs and what it never logs. Reset and confirmation tokens travel in query strings and route values;
/// three framework categories write those whole at some level, so they are held back in code (where a configured
/// "Microsoft.AspNetCore: Trace" cannot turn them back on) and the request line below replaces the first.
/// </summary>
public static class PortalLogging
{
    /// <summary>The categories held back, and the lowest level each may write at, whatever the configuration says.</summary>
    internal static readonly IReadOnlyList<(string Category, LogLevel AtLeast)> HeldBack =
    [
        // "Request starting/finished" with the full URL, query string included.
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),

        // Debug: the route values of every generated link (userId, code).
        ("Microsoft.AspNetCore.Routing.DefaultLinkGenerator", LogLevel.Information),

        // Trace: the arguments of every action method (the reset code of ResetPassword).
        ("Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker", LogLevel.Debug),
    ];

    public static ILoggingBuilder AddPortalLogging(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>, HoldBack>();
        return logging;
    }

    /// <summary>
    /// Raises each held-back category to its floor without lowering it: a rule naming the category wins over every
    /// configured rule, so it takes the level the configuration would have given it, or the floor if that is lower.
    /// (A plain <c>AddFilter(category, Debug)</c> turned Debug on for it in production, seven lines a page view.)
    /// </summary>
    private sealed class HoldBack : Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>
    {
        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            var providers = options.Rules.Select(r => r.ProviderName).Where(p => p is not null).Distinct().Prepend(null).ToList();
            foreach (var (category, atLeast) in HeldBack)
            {
                foreach (var provider in providers)
                {
                    var configured = Configured(options, provider, category);
                    options.Rules.Add(new LoggerFilterRule(provider, category, configured > atLeast ? configured : atLeast, null));
                }
            }
        }

        /// <summary>The level the configured rules give a category for a provider: its own rules first, then the longest category prefix.</summary>
        private static LogLevel Configured(LoggerFilterOptions options, string? provider, string category) =>
            // The last of equally specific rules wins, as in the framework's own selection.
            options.Rules.Reverse()
                .Where(r => (r.ProviderName is null || r.ProviderName == provider) && r.Filter is null
                    && (r.CategoryName is null || (!r.CategoryName.Contains('*', StringComparison.Ordinal) && category.StartsWith(r.CategoryName, StringComparison.OrdinalIgnoreCase))))
                .OrderByDescending(r => r.ProviderName is not null)
                .ThenByDescending(r => r.CategoryName?.Length ?? -1)
                .Select(r => r.LogLevel)
                .FirstOrDefault() ?? options.MinLevel;
    }

    /// <summary>One line per request: method, path without its query, status, duration, user id.</summary>
    public static IApplicationBuilder UseRequestLine(this IApplicationBuilder app) => app.UseMiddleware<RequestLineMiddleware>();
}

public sealed partial class RequestLineMiddleware(RequestDelegate next, ILogger<RequestLineMiddleware> logger, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                // The path only: query strings carry reset codes and search terms.
                var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
                var path = (context.Request.PathBase + context.Request.Path).Value ?? "/";
                var milliseconds = time.GetElapsedTime(started).TotalMilliseconds;
                var trace = Activity.Current?.TraceId.ToString();
                Request(logger, context.Request.Method, path, context.Response.StatusCode, milliseconds, user, trace);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} in {DurationMs:0.0} ms, user {UserId}, trace {TraceId}")]
    private static partial void Request(ILogger logger, string method, string path, int statusCode, double durationMs, string? userId, string? traceId);
}
