using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Trace;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Operations;

/// <summary>The operator's view: one log line per request, and traces exported over OTLP when a collector is configured.</summary>
public sealed class TelemetryAndRequestLogTests
{
    [Fact]
    public async Task Each_request_writes_one_line_with_method_path_status_duration_and_user_but_not_the_query()
    {
        using var factory = new LoggingFactory();
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        var agentId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "agent@portail.test").Select(u => u.Id).SingleAsync());
        var collector = factory.Services.GetRequiredService<FakeLogCollector>();
        collector.Clear();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Projects?q=terme-confidentiel-8812")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Associations/Details/987654")).StatusCode);

        var lines = collector.GetSnapshot().Where(r => r.Category == "PartnershipPortal.Web.Infrastructure.Logging.RequestLineMiddleware").ToList();
        var list = Assert.Single(lines, r => r.Message.StartsWith("GET /Projects ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, list.Level);
        Assert.Contains("GET /Projects 200 in ", list.Message, StringComparison.Ordinal);
        Assert.Contains($"user {agentId}", list.Message, StringComparison.Ordinal);
        Assert.True(double.Parse(list.StructuredState!.Single(p => p.Key == "DurationMs").Value!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(lines, r => r.Message.StartsWith("GET /Associations/Details/987654 404 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Contains("terme-confidentiel-8812", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("Trace", LogLevel.Debug)]
    public async Task The_action_invoker_logs_at_the_configured_level_but_never_below_Debug(string configured, LogLevel lowest)
    {
        using var factory = new LoggingFactory();
        factory.Settings["Logging:LogLevel:Default"] = configured;
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = configured;
        using var client = await factory.SignedInClientAsync("agent@portail.test");
        var collector = factory.Services.GetRequiredService<FakeLogCollector>();
        collector.Clear();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Projects")).StatusCode);

        var invoker = collector.GetSnapshot().Where(r => r.Category == "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker").ToList();
        Assert.DoesNotContain(invoker, r => r.Level < lowest);
        if (lowest == LogLevel.Debug)
        {
            // Debug is still written when asked for: the floor holds back Trace only.
            Assert.Contains(invoker, r => r.Level == LogLevel.Debug);
        }
        else
        {
            Assert.Empty(invoker);
        }
    }

    [Fact]
    public async Task With_a_collector_configured_request_traces_are_exported_over_OTLP_without_their_query()
    {
        await using var collector = new LoopbackOtlpCollector();
        using var factory = new PortalFactory();
        factory.Settings["OpenTelemetry:Endpoint"] = $"http://127.0.0.1:{collector.Port}";
        factory.Settings["OpenTelemetry:Protocol"] = "http/protobuf";
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        // The tracer hears every test server of this process; the request's own trace id, sent in its traceparent
        // header, tells its span from theirs.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Projects?q=terme-confidentiel-4471");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        // ForceFlush returns once the exporter has taken the spans from its queue, before the collector has answered
        // its POST, and the request's span may end just after the client has its response: the test waits for the
        // collector to receive the span. The flush only saves the exporter's five-second wait; the bound only ends a
        // failing test.
        var idBytes = Convert.FromHexString(traceId.ToHexString());
        var received = collector.ReceivedAsync(r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(idBytes) >= 0);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush(0);
        var span = Encoding.UTF8.GetString((await received.WaitAsync(TimeSpan.FromMinutes(2))).Body);

        Assert.Contains("PartnershipPortal", span, StringComparison.Ordinal);
        Assert.Contains("/Projects", span, StringComparison.Ordinal);
        Assert.DoesNotContain(collector.Requests, r => Encoding.UTF8.GetString(r.Body).Contains("terme-confidentiel-4471", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_collector_no_tracer_is_registered()
    {
        using var factory = new PortalFactory();
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    private sealed class LoggingFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
        }
    }

    /// <summary>
    /// The receiving end of OTLP over HTTP: answers every POST with 200 and keeps its path and body. On a loopback port
    /// it holds from start to end.
    /// </summary>
    private sealed class LoopbackOtlpCollector : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private readonly SemaphoreSlim _arrived = new(0);

        public LoopbackOtlpCollector()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public ConcurrentQueue<(string Path, byte[] Body)> Requests { get; } = new();

        /// <summary>The first request, received or to come, that matches.</summary>
        public async Task<(string Path, byte[] Body)> ReceivedAsync(Func<(string Path, byte[] Body), bool> match)
        {
            while (true)
            {
                foreach (var request in Requests)
                {
                    if (match(request))
                    {
                        return request;
                    }
                }

                await _arrived.WaitAsync(_stop.Token);
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                while (true)
                {
                    var head = await ReadHeadAsync(stream);
                    if (head is null)
                    {
                        return;
                    }

                    var lines = head.Split("\r\n");
                    var path = lines[0].Split(' ')[1];
                    var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    var body = new byte[length];
                    await stream.ReadExactlyAsync(body);
                    Requests.Enqueue((path, body));
                    _arrived.Release();
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
                }
            }
        }

        private static async Task<string?> ReadHeadAsync(NetworkStream stream)
        {
            var head = new List<byte>();
            var one = new byte[1];
            while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    return null;
                }

                head.Add(one[0]);
            }

            return Encoding.ASCII.GetString([.. head]).TrimEnd();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
            _arrived.Dispose();
        }
    }
}
