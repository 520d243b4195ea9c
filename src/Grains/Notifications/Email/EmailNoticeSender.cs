using System.Diagnostics;
using System.Net.Sockets;
using BranchArchive.Contracts.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BranchArchive.Grains.Notifications.Email;

/// <summary>
/// Sends notices by e-mail through the configured SMTP server (MailKit): one connection per attempt,
/// bounded by <see cref="SmtpOptions.Timeout"/>. One notice makes one message; several make one
/// digest. Answers delivered; retryable (no connection, a timeout, a 4xx reply); or not retryable
/// (a 5xx reply such as a rejected recipient, refused credentials, a bad address, no SMTP configured).
/// Logs name the subscription and the server, never the credentials.
/// </summary>
public sealed class EmailNoticeSender(IOptions<SmtpOptions> options, EmailTemplates templates, TimeProvider clock, ILogger<EmailNoticeSender> logger)
    : INoticeSender
{
    public NoticeChannel Channel => NoticeChannel.Email;

    public Task<NoticeSendResult> SendAsync(NoticeSubscription subscription, string? secret, IReadOnlyList<NoticeMessage> messages, CancellationToken cancellationToken) =>
        messages.Count switch
        {
            0 => throw new ArgumentException("There is nothing to send.", nameof(messages)),
            1 => SendAsync(subscription, templates.Notice(subscription.Language, messages[0]), MessageIdOf(subscription, messages), cancellationToken),
            _ => SendDigestAsync(subscription, clock.GetUtcNow(), messages, cancellationToken),
        };

    /// <summary>The daily digest of <paramref name="day"/>: one message listing the notices.</summary>
    public Task<NoticeSendResult> SendDigestAsync(NoticeSubscription subscription, DateTimeOffset day, IReadOnlyList<NoticeMessage> messages, CancellationToken cancellationToken) =>
        SendAsync(subscription, templates.Digest(subscription.Language, subscription.Branch, day, messages), MessageIdOf(subscription, messages), cancellationToken);

    private async Task<NoticeSendResult> SendAsync(NoticeSubscription subscription, EmailText text, string messageId, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return Refused(subscription, "E-mail is not configured (Notifications:Smtp:Host).");
        }
        if (!MailboxAddress.TryParse(subscription.Target, out var recipient) || !MailboxAddress.TryParse(smtp.From, out var sender))
        {
            return Refused(subscription, "The recipient's or the sender's (Notifications:Smtp:From) address is not an e-mail address.");
        }
        sender.Name = smtp.FromName;
        using var message = new MimeMessage([sender], [recipient], text.Subject, new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text.Body })
        {
            MessageId = messageId,
        };

        var started = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(smtp.Timeout);
        // MailKit's own per-read timeout only backs up the attempt's limit above, which covers everything.
        using var client = new SmtpClient { Timeout = (int)(smtp.Timeout + TimeSpan.FromSeconds(5)).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, limit.Token);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", limit.Token);
            }
            await client.SendAsync(message, limit.Token);
        }
        catch (SmtpCommandException refused)
        {
            // 4xx: the server asks to try later; 5xx: it will not take this message (e.g. no such recipient).
            var code = (int)refused.StatusCode;
            var error = $"The SMTP server answered {code} ({refused.ErrorCode}): {refused.Message}";
            return code is >= 400 and < 500 ? Retry(subscription, error, code) : Refused(subscription, error, code);
        }
        catch (AuthenticationException)
        {
            return Refused(subscription, "The SMTP server refused the configured credentials (Notifications:Smtp:UserName/Password).");
        }
        catch (SslHandshakeException tls)
        {
            return Refused(subscription, $"TLS with the SMTP server failed ({smtp.Security}): {tls.Message}");
        }
        catch (Exception timeout) when (timeout is TimeoutException || (timeout is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Retry(subscription, $"The SMTP server {smtp.Host}:{smtp.Port} did not answer within {smtp.Timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception unreachable) when (unreachable is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException)
        {
            return Retry(subscription, $"No conversation with the SMTP server {smtp.Host}:{smtp.Port}: {unreachable.Message}");
        }
        // Sent: a failure to say goodbye does not undo the delivery.
        try
        {
            await client.DisconnectAsync(true, limit.Token);
        }
        catch (Exception goodbye) when (goodbye is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(goodbye, "Quitting the SMTP conversation failed after the message was sent");
        }
        logger.LogInformation("E-mail for subscription {Subscription} sent through {SmtpHost}:{SmtpPort} in {ElapsedMs} ms ({MessageId})",
            subscription.Id, smtp.Host, smtp.Port, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, messageId);
        return NoticeSendResult.Ok(250);
    }

    /// <summary>
    /// The same notices to the same subscription get the same Message-ID: a second attempt after a lost
    /// answer is the same message to the servers and mail clients that drop repeated ids.
    /// </summary>
    private string MessageIdOf(NoticeSubscription subscription, IReadOnlyList<NoticeMessage> messages)
    {
        var domain = MailboxAddress.TryParse(options.Value.From, out var from) && from.Domain is { Length: > 0 } d ? d : "branch-archive.local";
        var what = messages.Count == 1
            ? messages[0].Id
            : "digest-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(string.Join(",", messages.Select(m => m.Id).Order(StringComparer.Ordinal)))))[..24];
        return $"{what}.{subscription.Id}@{domain}";
    }

    private NoticeSendResult Retry(NoticeSubscription subscription, string error, int? code = null)
    {
        logger.LogWarning("E-mail for subscription {Subscription} not sent, worth trying again: {Error}", subscription.Id, error);
        return new NoticeSendResult(false, true, error, code);
    }

    private NoticeSendResult Refused(NoticeSubscription subscription, string error, int? code = null)
    {
        logger.LogWarning("E-mail for subscription {Subscription} not sent, trying again cannot help: {Error}", subscription.Id, error);
        return new NoticeSendResult(false, false, error, code);
    }
}
