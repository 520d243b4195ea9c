using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BranchArchive.Testing;

/// <summary>A message as the test SMTP server took it: the envelope's recipients and the parsed message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> Recipients, MimeMessage Message)
{
    public string Body => Message.TextBody ?? "";
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port the OS picks, started by a test:
/// it keeps every message it accepts, and refuses recipients as the test says
/// (<see cref="RefuseRecipient"/>: a reply code such as 550 or 451, or null to accept).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Channel<ReceivedMail> _arrived = Channel.CreateUnbounded<ReceivedMail>();
    private readonly List<ReceivedMail> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The reply code to refuse a recipient with (4xx: try later; 5xx: never), or null to accept.</summary>
    public Func<string, int?> RefuseRecipient { get; set; } = _ => null;

    /// <summary>Awaited when a message's data has arrived, before it is accepted: a test holds a send in flight with it.</summary>
    public Func<Task> BeforeAccepting { get; set; } = () => Task.CompletedTask;

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, started) => listening.TrySetResult(((IPEndPoint)started.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(server));
        services.Add(new Filter(server));
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        server.Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>The next message to arrive (or one that arrived and was not yet taken).</summary>
    public async Task<ReceivedMail> NextAsync(TimeSpan? within = null) =>
        await _arrived.Reader.ReadAsync().AsTask().WaitAsync(within ?? TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await server.BeforeAccepting();
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var mail = new ReceivedMail([.. transaction.To.Select(to => to.AsAddress())], message);
            lock (server._received)
            {
                server._received.Add(mail);
            }
            server._arrived.Writer.TryWrite(mail);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            server.RefuseRecipient(to.AsAddress()) is { } code
                ? throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)code, $"{to.AsAddress()} refused by the test"))
                : Task.FromResult(true);
    }
}
