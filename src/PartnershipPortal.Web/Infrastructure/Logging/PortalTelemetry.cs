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

        // Over HTTP each signal has its own path under the collector's address; gRPC takes the address as it is.
        Uri SignalAddress(string path) => protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(new Uri(address.AbsoluteUri.TrimEnd('/') + "/"), path)
            : address;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    // url.query carries reset codes and search terms. The instrumentation redacts its values by default;
                    // the tag is dropped altogether so that a change of that default cannot bring them back.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);
                })
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = SignalAddress("v1/traces"); o.Protocol = protocol; }))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = SignalAddress("v1/metrics"); o.Protocol = protocol; }));
        return services;
    }
}
