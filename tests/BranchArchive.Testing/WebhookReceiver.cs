using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Testing;

/// <summary>
/// A real webhook receiver for tests: Kestrel on a loopback port the OS picks. Every request is
/// recorded (headers and exact body); <c>answer</c> decides, for the n-th request (1-based), what
/// to answer — a status, or to hold the request until the caller gives up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>What the receiver does with a request: answer this status, or hold it open (never answering) when null.</summary>
    public delegate int? Answer(int attempt);

    public sealed record Received(int Attempt, string? Id, string? Type, string? Version, string? Timestamp, string? Signature, byte[] Body, int? Status);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private int _attempts;

    private WebhookReceiver(WebApplication app, Uri url) => (_app, Url) = (app, url);

    /// <summary>Where the webhook is: <c>http://127.0.0.1:port/hook</c>.</summary>
    public Uri Url { get; }

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>The notice ids answered with a 2xx, each once: what a receiver that deduplicates by id keeps.</summary>
    public IReadOnlyList<string> Accepted => [.. _received.Where(r => r.Status is >= 200 and < 300).Select(r => r.Id!).Distinct()];

    public static async Task<WebhookReceiver> StartAsync(Answer answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            var attempt = Interlocked.Increment(ref receiver!._attempts);
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var status = answer(attempt);
            string? Header(string name) => http.Request.Headers[name].FirstOrDefault();
            receiver._received.Enqueue(new Received(attempt, Header("X-Archive-Notice-Id"), Header("X-Archive-Notice-Type"),
                Header("X-Archive-Notice-Version"), Header("X-Archive-Timestamp"), Header("X-Archive-Signature"), body.ToArray(), status));
            receiver._arrivals.Release();
            if (status is null)
            {
                // Held: the sender's timeout (or its process dying) ends the request.
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }
            return Results.StatusCode(status.Value);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "/hook"));
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived (or fails after <paramref name="timeout"/>).</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (_received.Count < count)
        {
            if (!await _arrivals.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None) && limit.IsCancellationRequested)
            {
                throw new TimeoutException($"The webhook receiver got {_received.Count} requests, not {count}, within {timeout}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stopping.Token);
        }
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }
}
