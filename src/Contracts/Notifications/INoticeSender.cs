namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// How one attempt to deliver went. <c>Retryable</c>: worth trying again later (a timeout, a 5xx,
/// a refused connection); not retryable: trying again cannot help (a 4xx other than 408/429, an
/// address the SMTP server rejects). <c>Error</c> is for the delivery log: never a secret.
/// </summary>
public sealed record NoticeSendResult(bool Delivered, bool Retryable, string? Error, int? StatusCode = null)
{
    public static NoticeSendResult Ok(int? statusCode = null) => new(true, false, null, statusCode);
}

/// <summary>
/// Sends notices over one channel (webhook or e-mail). The delivery pipeline owns retries, backoff,
/// the dead-letter list and the delivery log; a sender makes exactly one attempt per call.
/// <paramref name="messages"/> holds one notice, or several for an e-mail digest.
/// <paramref name="secret"/> is the webhook's signing secret (null for e-mail).
/// </summary>
public interface INoticeSender
{
    NoticeChannel Channel { get; }

    Task<NoticeSendResult> SendAsync(NoticeSubscription subscription, string? secret, IReadOnlyList<NoticeMessage> messages, CancellationToken cancellationToken);
}
