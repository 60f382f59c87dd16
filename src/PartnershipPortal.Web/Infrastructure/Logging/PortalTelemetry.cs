using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PartnershipPortal.Web.Infrastructure.Logging;

public static class PortalTelemetry
{
    public const string ServiceName = "PartnershipPortal";

    /// <summary>
    /// Traces (requests, outgoing HTTP) and metrics (requests, runtime) exported over OTLP when
    /// <c>OpenTelemetry:Endpoint</c> is set; nothing is collected otherwise.
    /// </summary>
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var address))
        {
            throw new InvalidOperationException($"OpenTelemetry:Endpoint is not an absolute address: \"{endpoint}\".");
        }

        var protocol = string.Equals(configuration["OpenTelemetry:Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    // The span's url.query would carry reset codes and search terms, as the request line would.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);
                })
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = address; o.Protocol = protocol; }))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = address; o.Protocol = protocol; }));
        return services;
    }
}
