using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Notifications.Email;

/// <summary>How far one subscription's digests have gone, stored in the digest grain's state.</summary>
/// <param name="CoveredUntil">Notices raised before this went in an earlier digest (or were given up).</param>
/// <param name="Sending">Set while a digest covering up to this moment is being sent: found set after a restart, that send's outcome is unknown.</param>
/// <param name="FailedAttempts">Retryable failures of the digest now due.</param>
public sealed record DigestCursor(DateTimeOffset CoveredUntil, DateTimeOffset? Sending = null, int FailedAttempts = 0);

public sealed class EmailDigestState
{
    /// <summary>By subscription id.</summary>
    public Dictionary<string, DigestCursor> Subscriptions { get; set; } = [];
}

/// <summary>
/// Once a day, at <see cref="EmailOptions.DigestAt"/> in <see cref="EmailOptions.TimeZone"/>, each digest
/// subscription gets one message with the due-soon and overdue notices raised in its window
/// [its cursor, today's digest moment). The cursor is stored before and after each send: at most one
/// digest per window. A crash during a send leaves <see cref="DigestCursor.Sending"/> set, and that
/// window is then given up rather than perhaps sent twice (a digest is a new message each time;
/// mail clients would show both); a retryable failure is tried again on the next check, up to
/// <see cref="EmailOptions.DigestAttempts"/>. Runs on the silos' clock, so tests move time.
/// </summary>
public sealed class EmailDigestGrain(
    [PersistentState(StateNames.EmailDigest, StateNames.Provider)] IPersistentState<EmailDigestState> storage,
    INoticeSubscriptions subscriptions, ILoanNotices notices, EmailNoticeSender sender, IOptions<EmailOptions> options,
    EmailDigestMetrics metrics, TimeProvider clock, ILogger<EmailDigestGrain> logger) : Grain, IEmailDigestGrain
{
    private static readonly NoticeKind[] DigestKinds = [NoticeKind.Overdue, NoticeKind.DueSoon];
    private const int PageSize = 500;
    private const int MostNotices = 5_000; // a digest lists the first 200 and counts the rest

    private readonly DurableState<EmailDigestState> _state = new(storage);
    private IGrainTimer? _timer;

    public Task Start()
    {
        _timer ??= this.RegisterGrainTimer(async _ => await SendDue(),
            new GrainTimerCreationOptions(options.Value.DigestCheckPeriod, options.Value.DigestCheckPeriod) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<int> SendDue()
    {
        await _state.EnsureCurrentAsync();
        var due = LatestDigestMoment(clock.GetUtcNow());
        var digests = (await subscriptions.ListEnabledAsync())
            .Where(s => s.Channel == NoticeChannel.Email && s.DailyDigest).ToList();
        // Cursors of subscriptions deleted or disabled go: one enabled again starts afresh.
        var gone = _state.Value.Subscriptions.Keys.Except(digests.Select(s => s.Id)).ToList();
        if (gone.Count > 0)
        {
            gone.ForEach(id => _state.Value.Subscriptions.Remove(id));
            await _state.SaveAsync();
        }
        var sent = 0;
        foreach (var subscription in digests)
        {
            switch (await DigestAsync(subscription, due))
            {
                case Outcome.Sent:
                    sent++;
                    break;
                case Outcome.ServerUnreachable:
                    return sent; // the others wait for the next check rather than a timeout each
            }
        }
        return sent;
    }

    private enum Outcome { Sent, NotSent, ServerUnreachable }

    private async Task<Outcome> DigestAsync(NoticeSubscription subscription, DateTimeOffset due)
    {
        var cursors = _state.Value.Subscriptions;
        // New: the first digest covers the day before its moment, or starts at the next moment if the subscription is newer.
        var cursor = cursors.GetValueOrDefault(subscription.Id) ?? new DigestCursor(subscription.CreatedAt >= due ? due : due.AddDays(-1));
        if (cursor.Sending is { } interrupted)
        {
            logger.LogWarning("The digest of subscription {Subscription} up to {Until} was being sent when its silo stopped; it may have gone out and is not sent again",
                subscription.Id, interrupted);
            metrics.NotSent("interrupted");
            cursor = new DigestCursor(interrupted);
            await SaveAsync(subscription.Id, cursor);
        }
        if (cursor.CoveredUntil >= due)
        {
            return Outcome.NotSent;
        }
        var listed = await GatherAsync(subscription, cursor.CoveredUntil, due);
        if (listed.Count == 0)
        {
            await SaveAsync(subscription.Id, new DigestCursor(due)); // nothing to say: nothing sent
            return Outcome.NotSent;
        }

        await SaveAsync(subscription.Id, cursor with { Sending = due });
        var result = await sender.SendDigestAsync(subscription, due, listed, CancellationToken.None);
        if (result.Delivered)
        {
            metrics.Sent(listed.Count);
            await SaveAsync(subscription.Id, new DigestCursor(due));
            return Outcome.Sent;
        }
        var attempts = cursor.FailedAttempts + 1;
        if (result.Retryable && attempts < options.Value.DigestAttempts)
        {
            metrics.NotSent("retrying");
            await SaveAsync(subscription.Id, cursor with { Sending = null, FailedAttempts = attempts });
            return result.StatusCode is null ? Outcome.ServerUnreachable : Outcome.NotSent;
        }
        logger.LogError("The digest of subscription {Subscription} up to {Until} is given up after {Attempts} attempts: {Error}",
            subscription.Id, due, attempts, result.Error);
        metrics.NotSent("failed");
        await SaveAsync(subscription.Id, new DigestCursor(due));
        return Outcome.NotSent;
    }

    /// <summary>The due-soon and overdue notices the subscription wants, raised in [since, before): overdue first, then by due date.</summary>
    private async Task<IReadOnlyList<NoticeMessage>> GatherAsync(NoticeSubscription subscription, DateTimeOffset since, DateTimeOffset before)
    {
        var kinds = subscription.Kinds.Count == 0 ? DigestKinds : DigestKinds.Intersect(subscription.Kinds).ToArray();
        if (kinds.Length == 0)
        {
            return [];
        }
        var found = new List<LoanNotice>();
        for (var page = 1; found.Count < MostNotices; page++)
        {
            var batch = await notices.ListAsync(new NoticeQuery(subscription.Branch, page, PageSize, kinds, since, before, BranchAddressed: true));
            found.AddRange(batch.Items);
            if (batch.Items.Count < PageSize)
            {
                break;
            }
        }
        return [.. found.Where(subscription.Wants)
            .OrderBy(n => n.Kind == NoticeKind.Overdue ? 0 : 1).ThenBy(n => n.DueAt).ThenBy(n => n.FileNumber)
            .Select(NoticeMessage.From)];
    }

    private async Task SaveAsync(string subscription, DigestCursor cursor)
    {
        _state.Value.Subscriptions[subscription] = cursor;
        await _state.SaveAsync();
    }

    /// <summary>The latest digest moment at or before <paramref name="now"/>: today's, or yesterday's before it comes.</summary>
    private DateTimeOffset LatestDigestMoment(DateTimeOffset now)
    {
        var zone = options.Value.Zone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var moment = At(today);
        return moment <= now ? moment : At(today.AddDays(-1));

        DateTimeOffset At(DateOnly day)
        {
            var local = day.ToDateTime(options.Value.DigestAt);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
    }
}
