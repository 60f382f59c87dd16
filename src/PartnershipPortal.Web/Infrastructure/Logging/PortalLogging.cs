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
    public static ILoggingBuilder AddPortalLogging(this ILoggingBuilder logging)
    {
        // "Request starting/finished" with the full URL, query string included.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // Debug: the route values of every generated link (userId, code).
        logging.AddFilter("Microsoft.AspNetCore.Routing.DefaultLinkGenerator", LogLevel.Information);

        // Trace: the arguments of every action method (the reset code of ResetPassword).
        logging.AddFilter("Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker", LogLevel.Debug);
        return logging;
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
