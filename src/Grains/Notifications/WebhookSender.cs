using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using BranchArchive.Contracts.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// One attempt to POST a notice to a webhook: the <see cref="NoticeMessage"/> (version 1, camelCase
/// JSON) signed as <see cref="WebhookSignature"/> says. A 2xx answer is delivered; 408, 429, 5xx,
/// a timeout or a connection that failed is worth retrying; any other answer (a 3xx is not followed,
/// a 4xx) and an address refused by the SSRF rules is not.
/// </summary>
public sealed partial class WebhookSender(
    IHttpClientFactory clients, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : INoticeSender
{
    /// <summary>The named HttpClient whose handler refuses inward addresses at connect time (see <see cref="ConnectGuard"/>).</summary>
    public const string ClientName = "webhooks";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public NoticeChannel Channel => NoticeChannel.Webhook;

    public async Task<NoticeSendResult> SendAsync(NoticeSubscription subscription, string? secret, IReadOnlyList<NoticeMessage> messages, CancellationToken cancellationToken)
    {
        var message = messages.Single();
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var timestamp = WebhookSignature.Timestamp(clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, message.Id);
        request.Headers.Add(WebhookSignature.TypeHeader, message.Type);
        request.Headers.Add(WebhookSignature.VersionHeader, message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret ?? "", timestamp, body));

        // The timeout is wall-clock time (an I/O limit), not the archive's clock.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return NoticeSendResult.Ok(status);
            }
            var retryable = status is 408 or 429 or >= 500;
            LogRefused(subscription.Id, message.Id, status);
            return new NoticeSendResult(false, retryable, $"The receiver answered {status} {response.ReasonPhrase}.", status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(subscription.Id, message.Id, "timeout");
            return new NoticeSendResult(false, true, $"No answer within {options.Value.SendTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException failure) when (failure.InnerException is TargetRefusedException refused)
        {
            LogFailed(subscription.Id, message.Id, "refused address");
            return new NoticeSendResult(false, false, refused.Message);
        }
        catch (HttpRequestException failure)
        {
            LogFailed(subscription.Id, message.Id, failure.HttpRequestError.ToString());
            return new NoticeSendResult(false, true, $"The receiver could not be reached ({failure.HttpRequestError}).");
        }
    }

    /// <summary>
    /// The webhook client's connections: resolves the host and connects only to addresses the SSRF
    /// rules allow. Checked here, on the address actually connected to, a name that resolves to an
    /// allowed address when subscribed and to an inward one later (DNS rebinding) is refused.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookTargets targets) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectGuard(targets, context, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectGuard(WebhookTargets targets, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(targets.Allows).ToList();
        if (allowed.Count == 0)
        {
            // The delivery log shows this to the subscription's managers: the addresses stay unnamed.
            throw new TargetRefusedException($"Refused to connect: {host} resolves to a loopback, link-local or private address.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class TargetRefusedException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of subscription {SubscriptionId} answered {StatusCode} to notice {NoticeId}")]
    private partial void LogRefused(string subscriptionId, string noticeId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of subscription {SubscriptionId} failed for notice {NoticeId}: {Reason}")]
    private partial void LogFailed(string subscriptionId, string noticeId, string reason);
}
