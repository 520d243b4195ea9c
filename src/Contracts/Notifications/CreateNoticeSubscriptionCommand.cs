using System.Net.Mail;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// Subscribes a branch (or head office, <c>Branch</c> null) to notices. Body of
/// <c>POST /api/notifications/subscriptions</c>. This checks the form; whether the caller may
/// subscribe for the branch, and whether a webhook's address may be called (SSRF rules), the
/// subscriptions grain decides.
/// </summary>
[GenerateSerializer, Immutable, Alias("create-notice-subscription-command")]
public sealed record CreateNoticeSubscriptionCommand(
    [property: Id(0)] string? Branch,
    [property: Id(1)] NoticeChannel? Channel,
    [property: Id(2)] string? Target,
    [property: Id(3)] IReadOnlyList<NoticeKind>? Kinds = null,
    [property: Id(4)] string? Language = null,
    [property: Id(5)] bool DailyDigest = false)
{
    public const int MaxTargetLength = 2000;

    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Branch is not null)
        {
            errors.Pattern("branch", Branch, Codes.Branch(), Codes.BranchDescription);
        }
        errors.Required("channel", Channel);
        errors.Defined("channel", Channel);
        errors.RequiredText("target", Target, MaxTargetLength);
        if (Kinds?.Any(kind => !Enum.IsDefined(kind)) == true)
        {
            errors.Add("kinds", "must each be a known notice kind.");
        }
        if (Language is not null && !Languages.Contains(Language))
        {
            errors.Add("language", $"must be one of {string.Join(", ", Languages)}.");
        }
        if (!errors.IsValid)
        {
            return errors;
        }
        switch (Channel)
        {
            case NoticeChannel.Webhook:
                if (!Uri.TryCreate(Target, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.UserInfo.Length > 0 || url.Host.Length == 0)
                {
                    errors.Add("target", "must be an absolute http(s) URL without user name or password.");
                }
                if (DailyDigest)
                {
                    errors.Add("dailyDigest", "is for e-mail subscriptions only.");
                }
                break;
            case NoticeChannel.Email:
                if (!MailAddress.TryCreate(Target, out var address) || address.Address != Target || address.DisplayName.Length > 0)
                {
                    errors.Add("target", "must be an e-mail address, such as name@example.com.");
                }
                break;
        }
        return errors;
    }
}

/// <summary>
/// The answer to creating a subscription: the subscription and, for a webhook, its signing secret.
/// The secret is shown here once and never again (not in lists, logs or the audit log).
/// </summary>
[GenerateSerializer, Immutable, Alias("created-notice-subscription")]
public sealed record CreatedNoticeSubscription(
    [property: Id(0)] NoticeSubscription Subscription,
    [property: Id(1)] string? Secret);
