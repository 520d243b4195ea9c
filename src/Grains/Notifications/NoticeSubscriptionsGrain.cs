using System.Security.Cryptography;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// Subscriptions to notices, their delivery logs and the dead-letter list, with who may see and
/// change them (see <see cref="INoticeSubscriptionsGrain"/>). The rows live in the archive's
/// database; this grain only decides and audits.
/// </summary>
[StatelessWorker]
public sealed class NoticeSubscriptionsGrain(
    INoticeSubscriptionStore subscriptions, INoticeDeliveries deliveries, WebhookTargets targets, IAuditLog audit, TimeProvider clock)
    : Grain, INoticeSubscriptionsGrain
{
    public const int MaxPageSize = 500;
    private const string NotFoundDetail = "There is no such subscription, or you may not see it.";

    public async Task<ArchiveResult<CreatedNoticeSubscription>> Create(CreateNoticeSubscriptionCommand command, Actor actor)
    {
        if (!MayManage(actor, command.Branch))
        {
            return await audit.Deny<CreatedNoticeSubscription>(clock, actor, AuditActions.Subscribe, null, command.Branch,
                command.Branch is null
                    ? "Only head office (archivists, admins) may subscribe for every branch."
                    : $"You may subscribe for branch {actor.Branch} only, as its manager.");
        }
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<CreatedNoticeSubscription>.Invalid(errors.ToDictionary());
        }
        if (command.Channel == NoticeChannel.Webhook
            && await targets.RefusalOfResolvedAsync(new Uri(command.Target!), CancellationToken.None) is { } refusal)
        {
            return ArchiveResult<CreatedNoticeSubscription>.Invalid("target", refusal);
        }
        var subscription = new NoticeSubscription("sub_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), command.Branch,
            command.Channel!.Value, command.Target!, [.. (command.Kinds ?? []).Distinct().Order()], command.Language ?? "zh-CN",
            command.DailyDigest, Enabled: true, actor.Subject, clock.GetUtcNow());
        // 256 random bits, shown once in this answer; the audit log and the logs never see it.
        var secret = subscription.Channel == NoticeChannel.Webhook
            ? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            : null;
        await subscriptions.AddAsync(subscription, secret);
        await Record(actor, AuditActions.Subscribe, subscription, Outcome.Created);
        return ArchiveResult<CreatedNoticeSubscription>.Created(new CreatedNoticeSubscription(subscription, secret));
    }

    public async Task<ArchiveResult<IReadOnlyList<NoticeSubscription>>> List(string? branch, Actor actor)
    {
        if (!actor.Has(Permissions.ManageSubscriptions) || (!actor.IsHeadOffice && branch is not null && branch != actor.Branch))
        {
            return await audit.Deny<IReadOnlyList<NoticeSubscription>>(clock, actor, AuditActions.ReadSubscriptions, null, branch,
                $"You may see the subscriptions of branch {actor.Branch} only.");
        }
        // A manager sees their branch's; head office any branch's, or all (head office-wide ones too).
        var scope = actor.IsHeadOffice ? branch : actor.Branch ?? "";
        return ArchiveResult<IReadOnlyList<NoticeSubscription>>.Ok(await subscriptions.ListAsync(scope));
    }

    public async Task<ArchiveResult<NoticeSubscription>> Get(string id, Actor actor) =>
        await Visible(id, actor, AuditActions.ReadSubscriptions) is { } subscription
            ? ArchiveResult<NoticeSubscription>.Ok(subscription)
            : ArchiveResult<NoticeSubscription>.NotFound(NotFoundDetail);

    public async Task<ArchiveResult<NoticeSubscription>> Delete(string id, Actor actor)
    {
        if (await Visible(id, actor, AuditActions.Unsubscribe) is not { } subscription)
        {
            return ArchiveResult<NoticeSubscription>.NotFound(NotFoundDetail);
        }
        if (!await subscriptions.DeleteAsync(id))
        {
            return ArchiveResult<NoticeSubscription>.NotFound(NotFoundDetail);
        }
        await Record(actor, AuditActions.Unsubscribe, subscription, Outcome.Ok);
        return ArchiveResult<NoticeSubscription>.Ok(subscription with { Enabled = false });
    }

    public async Task<ArchiveResult<NoticeSubscription>> SetEnabled(string id, bool enabled, Actor actor)
    {
        var action = enabled ? AuditActions.EnableSubscription : AuditActions.DisableSubscription;
        if (await Visible(id, actor, action) is not { } subscription || !await subscriptions.SetEnabledAsync(id, enabled))
        {
            return ArchiveResult<NoticeSubscription>.NotFound(NotFoundDetail);
        }
        var changed = subscription with { Enabled = enabled };
        await Record(actor, action, changed, Outcome.Ok);
        return ArchiveResult<NoticeSubscription>.Ok(changed);
    }

    public async Task<ArchiveResult<NoticeDeliveryPage>> Deliveries(string id, int page, int pageSize, Actor actor)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }
        return await Visible(id, actor, AuditActions.ReadDeliveries) is null
            ? ArchiveResult<NoticeDeliveryPage>.NotFound(NotFoundDetail)
            : ArchiveResult<NoticeDeliveryPage>.Ok(await deliveries.LogAsync(id, page, pageSize));
    }

    public async Task<ArchiveResult<NoticeDeliveryPage>> Parked(int page, int pageSize, Actor actor)
    {
        if (!actor.Has(Permissions.ReplayDeliveries))
        {
            return await audit.Deny<NoticeDeliveryPage>(clock, actor, AuditActions.ReadDeliveries, null, null,
                "Only admins may see the dead-letter list.");
        }
        return BadPage(page, pageSize) ?? ArchiveResult<NoticeDeliveryPage>.Ok(await deliveries.ParkedAsync(page, pageSize));
    }

    public async Task<ArchiveResult<ReplayedDeliveries>> Replay(string? subscriptionId, string? noticeId, Actor actor)
    {
        if (!actor.Has(Permissions.ReplayDeliveries))
        {
            return await audit.Deny<ReplayedDeliveries>(clock, actor, AuditActions.ReplayDeliveries, null, null,
                "Only admins may replay parked deliveries.");
        }
        if ((subscriptionId is null) != (noticeId is null))
        {
            return ArchiveResult<ReplayedDeliveries>.Invalid(subscriptionId is null ? "subscription" : "notice",
                "is needed with the other to replay one delivery; give neither to replay all.");
        }
        var replayed = await deliveries.ReplayAsync(subscriptionId, noticeId, clock.GetUtcNow());
        if (subscriptionId is not null && replayed == 0)
        {
            return ArchiveResult<ReplayedDeliveries>.NotFound("There is no such parked delivery.");
        }
        await audit.AppendAsync([AuditRecords.Of(actor, AuditActions.ReplayDeliveries, null, null, Outcome.Ok,
            subscriptionId is null ? $"Replayed {replayed} parked deliveries." : $"Replayed notice {noticeId} to subscription {subscriptionId}.", clock)]);
        return ArchiveResult<ReplayedDeliveries>.Ok(new ReplayedDeliveries(replayed));
    }

    /// <summary>May the actor subscribe for this branch (null: head office-wide)?</summary>
    private static bool MayManage(Actor actor, string? branch) =>
        actor.Has(Permissions.ManageSubscriptions) && (branch is null ? actor.IsHeadOffice : actor.CanAct(Permissions.ManageSubscriptions, branch));

    /// <summary>The subscription, if it exists and the actor may manage it; a refused look is audited but answered as "not found".</summary>
    private async Task<NoticeSubscription?> Visible(string id, Actor actor, string action)
    {
        var subscription = await subscriptions.GetAsync(id);
        if (subscription is not null && MayManage(actor, subscription.Branch))
        {
            return subscription;
        }
        if (subscription is not null || !actor.Has(Permissions.ManageSubscriptions))
        {
            await audit.AppendAsync([AuditRecords.Of(actor, action, null, subscription?.Branch, Outcome.Forbidden,
                $"Subscription {id} is not one you may manage.", clock)]);
        }
        return null;
    }

    private static ArchiveResult<NoticeDeliveryPage>? BadPage(int page, int pageSize) =>
        page < 1 ? ArchiveResult<NoticeDeliveryPage>.Invalid("page", "must be at least 1.")
        : pageSize < 1 || pageSize > MaxPageSize ? ArchiveResult<NoticeDeliveryPage>.Invalid("pageSize", $"must be between 1 and {MaxPageSize}.")
        : null;

    // What was subscribed, without the secret and with only the target's host: a URL's path or
    // query may carry a receiver's token.
    private Task Record(Actor actor, string action, NoticeSubscription subscription, Outcome outcome) =>
        audit.AppendAsync([AuditRecords.Of(actor, action, null, subscription.Branch, outcome,
            $"{subscription.Id}: {subscription.Channel} to {TargetForLog(subscription)}, kinds {(subscription.Kinds.Count == 0 ? "all" : string.Join(",", subscription.Kinds))}.",
            clock)]);

    public static string TargetForLog(NoticeSubscription subscription) =>
        subscription.Channel == NoticeChannel.Webhook && Uri.TryCreate(subscription.Target, UriKind.Absolute, out var url)
            ? $"{url.Scheme}://{url.Authority}/…"
            : subscription.Target;
}
