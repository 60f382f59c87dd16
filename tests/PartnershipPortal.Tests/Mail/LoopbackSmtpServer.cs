using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PartnershipPortal.Tests.Mail;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port that this object holds from start to end: bound at
/// construction but not listening, so that a connection is refused ("the server is down"), then listening after
/// <see cref="Start"/>. The port is never released and picked again, so no other process can take it in between.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public LoopbackSmtpServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Recipients the server refuses for good (550), as a relay does for an unknown mailbox.</summary>
    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every message accepted so far, in order.</summary>
    public ConcurrentQueue<Received> Messages { get; } = new();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new ListenerFactory(_socket));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>The next message the server accepts; fails the test when none arrives within the bound.</summary>
    public async Task<Received> NextAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The SMTP server received no message within {bound.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>A message as it crossed the wire: its raw bytes (headers as sent) and MimeKit's reading of them.</summary>
    public sealed record Received(byte[] Raw, MimeMessage Message)
    {
        public string RawText => System.Text.Encoding.UTF8.GetString(Raw);
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var received = new Received(raw, message);
            server.Messages.Enqueue(received);
            await server._received.Writer.WriteAsync(received, cancellationToken);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(LoopbackSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.RefusedRecipients.ContainsKey($"{to.User}@{to.Host}"));
    }

    /// <summary>Listens on the socket bound at construction instead of binding a new one.</summary>
    private sealed class ListenerFactory(Socket socket) : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            socket.Listen(16);
            return new Listener(socket);
        }
    }

    private sealed class Listener(Socket socket) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await socket.AcceptAsync(cancellationToken);

            // Without it each reply waits for the client's delayed acknowledgement: 45 ms a mail.
            client.NoDelay = true;
            return new PlainPipe(new NetworkStream(client, ownsSocket: true));
        }

        public void Dispose()
        {
            // The socket belongs to the server object; it is closed when the test disposes it.
        }
    }

    private sealed class PlainPipe(Stream stream) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(stream);

        public PipeWriter Output { get; } = PipeWriter.Create(stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This test server speaks plain SMTP on loopback.");

        public void Dispose() => stream.Dispose();
    }
}
