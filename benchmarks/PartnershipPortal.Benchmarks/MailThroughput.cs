using System.Buffers;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Web.Infrastructure.Email;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PartnershipPortal.Benchmarks;

/// <summary>
/// The outbox sender's throughput: N mails queued in a fresh SQLite database, then sent by <see cref="OutboxSender"/>
/// over SMTP to a real SMTP server (the SmtpServer package) on loopback, as the portal sends them. Five rounds; medians.
/// </summary>
public static class MailThroughput
{
    public static async Task<int> RunAsync(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mail-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var received = 0;
        var listeners = new NoDelayListenerFactory();
        var port = new TaskCompletionSource<int>();
        listeners.Started += p => port.TrySetResult(p);
        var smtpServices = new SmtpServer.ComponentModel.ServiceProvider();
        smtpServices.Add(listeners);
        smtpServices.Add(new CountingStore(() => Interlocked.Increment(ref received)));
        using var stop = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build(), smtpServices);
        var running = server.StartAsync(stop.Token);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PortalDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(folder, "mail.db")}"));
        var smtpPort = await port.Task;
        services.Configure<EmailOptions>(o =>
        {
            o.From = "portail@ministere.example";
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = smtpPort;
            o.Smtp.Security = MailKit.Security.SecureSocketOptions.None;
        });
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddScoped<OutboxSender>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var queueing = new List<double>();
        var sending = new List<double>();
        for (var round = -1; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            await using (var scope = provider.CreateAsyncScope())
            {
                var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
                for (var i = 0; i < count; i++)
                {
                    outbox.Add($"association{i}@exemple.ma", "Réinitialisation de votre mot de passe · إعادة تعيين كلمة المرور",
                        $"Bonjour,\r\n\r\nPour choisir un nouveau mot de passe, ouvrez ce lien :\r\n\r\nhttps://partenariat.ministere.example/Account/ResetPassword?userId={Guid.NewGuid()}&code={Guid.NewGuid():N}{Guid.NewGuid():N}\r\n");
                }

                await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
            }

            var queued = watch.Elapsed.TotalMilliseconds;
            var before = received;
            watch.Restart();
            int sent;
            await using (var scope = provider.CreateAsyncScope())
            {
                sent = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
            }

            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (sent != count || received - before != count)
            {
                Console.Error.WriteLine($"Round {round}: {sent} sent, {received - before} received, {count} expected");
                return 1;
            }

            if (round >= 0)
            {
                queueing.Add(queued);
                sending.Add(elapsed);
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"{count} mails per round, 5 rounds (after one warm-up)");
        Console.WriteLine($"queue (one SaveChanges) median {Median(queueing),8:0.0} ms   {count / Median(queueing) * 1000,8:0} mails/s");
        Console.WriteLine($"send over SMTP        median {Median(sending),8:0.0} ms   {count / Median(sending) * 1000,8:0} mails/s");
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>
    /// SmtpServer's own listener leaves Nagle's algorithm on: each reply then waits for the client's delayed
    /// acknowledgement, 45 ms a mail on loopback, which would measure the test server rather than the sender. Relays
    /// (Postfix, Exchange) answer without that wait.
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public event Action<int>? Started;

        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new System.Net.Sockets.TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            Started?.Invoke(((IPEndPoint)listener.LocalEndpoint).Port);
            return new Listener(listener);
        }

        private sealed class Listener(System.Net.Sockets.TcpListener listener) : IEndpointListener
        {
            public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken);
                socket.NoDelay = true;
                return new Pipe(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true));
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class Pipe(Stream stream) : SmtpServer.IO.ISecurableDuplexPipe
        {
            public System.IO.Pipelines.PipeReader Input { get; } = System.IO.Pipelines.PipeReader.Create(stream);

            public System.IO.Pipelines.PipeWriter Output { get; } = System.IO.Pipelines.PipeWriter.Create(stream);

            public bool IsSecure => false;

            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate, System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public void Dispose() => stream.Dispose();
        }
    }

    private sealed class CountingStore(Action onMessage) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            onMessage();
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
