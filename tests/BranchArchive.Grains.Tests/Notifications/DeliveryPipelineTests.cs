using System.Text.Json;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Notifications;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// The delivery pipeline against a real HTTP receiver (Kestrel on a loopback port): a notice is
/// raised by a loan falling due, dispatched to the subscriptions that want it, and POSTed signed.
/// Retries, timeouts and the dead letter follow the silos' clock, which each test moves on its own
/// cluster; the dispatcher's timer is left idle (an hour) and each pass is run by the test.
/// </summary>
public sealed class DeliveryPipelineTests
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The send timeout is long enough for a first request to a receiver that just started on a
    /// busy machine; only the slow-receiver test, whose receiver never answers, shortens it.
    /// </summary>
    private static async Task<ArchiveCluster> StartAsync(TestStorage storage, bool allowPrivate = true, int maxAttempts = 4, int sendTimeoutSeconds = 15) =>
        await ArchiveCluster.StartAsync(storage, clock: new MovedClock(), configure: silo =>
        {
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System); // Orleans' own clocks stay real
            silo.Services.Configure<NotificationOptions>(notifications =>
            {
                notifications.AllowPrivateTargets = allowPrivate; // the receiver is on this host
                notifications.RequireHttps = false;
                notifications.SendTimeout = TimeSpan.FromSeconds(sendTimeoutSeconds);
                notifications.MaxAttempts = maxAttempts;
                notifications.FirstRetryDelay = TimeSpan.FromMinutes(1);
                notifications.MaxRetryDelay = MaxRetryDelay;
                notifications.DispatchPeriod = TimeSpan.FromHours(1);
            });
        });

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    private static readonly Actor Admin = new("admin.ops", StaffRoles.Admin, null);

    /// <summary>A loan at <paramref name="branch"/> that falls due soon: one DueSoon notice for the branch.</summary>
    private static async Task RaiseDueSoon(ArchiveCluster archive, string branch)
    {
        var file = await CirculationSteps.Lendable(archive.Client, branch);
        (await file.CheckOut(Archive.Checkout(days: 10), Archive.Clerk(branch), null)).AssertSucceeded();
        archive.Clock.Advance(TimeSpan.FromDays(9));
        await archive.Client.GetGrain<ILoanNoticeSweeperGrain>(0).Sweep();
    }

    private static async Task<CreatedNoticeSubscription> Subscribe(ArchiveCluster archive, string branch, Uri url) =>
        (await archive.Client.GetGrain<INoticeSubscriptionsGrain>(0).Create(
            new CreateNoticeSubscriptionCommand(branch, NoticeChannel.Webhook, url.ToString(), [NoticeKind.DueSoon]), Manager(branch))).AssertSucceeded();

    private static async Task<NoticeDelivery> Log(ArchiveCluster archive, string branch, string subscription) =>
        (await archive.Client.GetGrain<INoticeSubscriptionsGrain>(0).Deliveries(subscription, 1, 50, Manager(branch))).AssertSucceeded().Items.Single();

    private static Task<int> Run(ArchiveCluster archive) => archive.Client.GetGrain<INoticeDispatcherGrain>(0).Run();

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_notice_is_delivered_once_signed_with_the_subscriptions_secret_and_only_where_subscribed(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage);
        await using var receiver = await WebhookReceiver.StartAsync(_ => 204);
        await using var elsewhere = await WebhookReceiver.StartAsync(_ => 204);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var other = await Archive.OpenBranchWithCabinet(archive.Client);
        var created = await Subscribe(archive, branch, receiver.Url);
        await Subscribe(archive, other, elsewhere.Url);
        await RaiseDueSoon(archive, branch);

        Assert.Equal(1, await Run(archive));
        Assert.Equal(0, await Run(archive));

        var request = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(created.Secret!, request.Timestamp!, request.Body, request.Signature!), "The signature verifies with the secret shown once.");
        Assert.False(WebhookSignature.Verify("whsec_another", request.Timestamp!, request.Body, request.Signature!));
        Assert.Equal(archive.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), request.Timestamp);
        using var body = JsonDocument.Parse(request.Body);
        var notice = (await archive.Client.GetGrain<INoticeBoardGrain>(0).List(branch, 1, 50, Archive.Clerk(branch))).AssertSucceeded().Items.Single();
        Assert.Equal((notice.Id, "DueSoon", 1, branch), (body.RootElement.GetProperty("id").GetString(), body.RootElement.GetProperty("type").GetString(),
            body.RootElement.GetProperty("version").GetInt32(), body.RootElement.GetProperty("branch").GetString()));
        Assert.Equal((notice.Id, "DueSoon", "1"), (request.Id, request.Type, request.Version));
        Assert.False(body.RootElement.TryGetProperty("Id", out _)); // camelCase
        Assert.Empty(elsewhere.Requests);

        var log = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Delivered, 1, 204, (string?)null), (log.Status, log.Attempts, log.LastStatusCode, log.LastError));
        Assert.Equal(archive.Clock.GetUtcNow(), log.DeliveredAt);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_receiver_failing_twice_gets_the_same_notice_again_after_the_backoff_and_the_log_counts_the_attempts(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage);
        await using var receiver = await WebhookReceiver.StartAsync(attempt => attempt <= 2 ? 503 : 200);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var created = await Subscribe(archive, branch, receiver.Url);
        await RaiseDueSoon(archive, branch);
        using var metrics = new NoticeMetricsListener(archive.Cluster.GetSiloServiceProvider());

        await Run(archive);
        var first = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Pending, 1, 503), (first.Status, first.Attempts, first.LastStatusCode));
        Assert.Contains("503", first.LastError);
        Assert.InRange(first.NextAttemptAt!.Value - archive.Clock.GetUtcNow(), TimeSpan.FromSeconds(1), MaxRetryDelay);
        Assert.Equal(0, await Run(archive)); // not due yet: the schedule is in the table
        Assert.Single(receiver.Requests);

        archive.Clock.Advance(MaxRetryDelay);
        await Run(archive);
        Assert.Equal((DeliveryStatus.Pending, 2), ((await Log(archive, branch, created.Subscription.Id)).Status, (await Log(archive, branch, created.Subscription.Id)).Attempts));
        archive.Clock.Advance(MaxRetryDelay);
        await Run(archive);

        var delivered = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Delivered, 3, 200, (string?)null), (delivered.Status, delivered.Attempts, delivered.LastStatusCode, delivered.LastError));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        Assert.Single(receiver.Accepted);
        Assert.Equal((2.0, 2.0, 1.0, 0.0), (metrics.Sum("archive.notices.failed"), metrics.Sum("archive.notices.retried"),
            metrics.Sum("archive.notices.delivered"), metrics.Sum("archive.notices.parked")));
        // Raised, then delivered two backoffs (the clock moved twice) later.
        Assert.Equal([(2 * MaxRetryDelay).TotalSeconds], metrics.Values("archive.notices.delivery.latency"));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_slow_receiver_times_out_and_is_tried_again(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage, sendTimeoutSeconds: 1);
        await using var receiver = await WebhookReceiver.StartAsync(attempt => attempt == 1 ? null : 200); // holds the first request
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var created = await Subscribe(archive, branch, receiver.Url);
        await RaiseDueSoon(archive, branch);

        await Run(archive);
        var timedOut = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)null), (timedOut.Status, timedOut.Attempts, timedOut.LastStatusCode));
        Assert.Contains("No answer within 1 s", timedOut.LastError);

        archive.Clock.Advance(MaxRetryDelay);
        await Run(archive);
        var delivered = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Delivered, 2), (delivered.Status, delivered.Attempts));
        Assert.Single(receiver.Accepted);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_receiver_failing_every_time_is_parked_after_the_last_attempt_and_an_admins_replay_delivers_it(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage, maxAttempts: 3);
        var fixedAfterReplay = false;
        await using var receiver = await WebhookReceiver.StartAsync(_ => Volatile.Read(ref fixedAfterReplay) ? 200 : 500);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var created = await Subscribe(archive, branch, receiver.Url);
        await RaiseDueSoon(archive, branch);
        var subscriptions = archive.Client.GetGrain<INoticeSubscriptionsGrain>(0);
        using var metrics = new NoticeMetricsListener(archive.Cluster.GetSiloServiceProvider());
        var deadLetter = archive.Cluster.GetSiloServiceProvider().GetRequiredService<BranchArchive.Grains.Telemetry.DeadLetterGauge>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Run(archive);
            archive.Clock.Advance(MaxRetryDelay);
        }
        await Run(archive);

        var parked = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Parked, 3, 500, (DateTimeOffset?)null), (parked.Status, parked.Attempts, parked.LastStatusCode, parked.NextAttemptAt));
        Assert.Equal(3, receiver.Requests.Count);
        var parkedList = (await subscriptions.Parked(1, 50, Admin)).AssertSucceeded();
        Assert.Equal((created.Subscription.Id, parked.NoticeId), (parkedList.Items.Single().SubscriptionId, parkedList.Items.Single().NoticeId));
        Assert.Equal((3.0, 2.0, 1.0), (metrics.Sum("archive.notices.failed"), metrics.Sum("archive.notices.retried"), metrics.Sum("archive.notices.parked")));
        await deadLetter.RefreshAsync();
        Assert.Equal(1.0, metrics.Observe("archive.notices.dead_letter"));
        (await subscriptions.Parked(1, 50, Manager(branch))).AssertRefused(Outcome.Forbidden);
        (await subscriptions.Replay(null, null, Manager(branch))).AssertRefused(Outcome.Forbidden);
        Assert.Equal(DeliveryStatus.Parked, (await Log(archive, branch, created.Subscription.Id)).Status);

        Volatile.Write(ref fixedAfterReplay, true);
        Assert.Equal(1, (await subscriptions.Replay(created.Subscription.Id, parked.NoticeId, Admin)).AssertSucceeded().Replayed);
        await Run(archive);

        var delivered = await Log(archive, branch, created.Subscription.Id);
        Assert.Equal((DeliveryStatus.Delivered, 1), (delivered.Status, delivered.Attempts));
        Assert.Empty((await subscriptions.Parked(1, 50, Admin)).AssertSucceeded().Items);
        Assert.Equal([parked.NoticeId], receiver.Accepted);
        await deadLetter.RefreshAsync();
        Assert.Equal(0.0, metrics.Observe("archive.notices.dead_letter"));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_webhook_whose_address_turns_out_private_is_refused_when_connecting_and_parked_without_a_request(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage, allowPrivate: false);
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        // Creating it is refused, with the reason...
        var refused = await archive.Client.GetGrain<INoticeSubscriptionsGrain>(0).Create(
            new CreateNoticeSubscriptionCommand(branch, NoticeChannel.Webhook, receiver.Url.ToString()), Manager(branch));
        refused.AssertRefused(Outcome.Invalid);
        Assert.Contains("loopback", refused.Detail);
        // ...so stand in for a name that resolved outward when subscribed and inward now (DNS rebinding):
        // the subscription is in the table, and only the connect-time check stands between it and the host.
        var store = archive.Cluster.GetSiloServiceProvider().GetRequiredService<INoticeSubscriptionStore>();
        var subscription = new NoticeSubscription("sub_rebound", branch, NoticeChannel.Webhook, receiver.Url.ToString(), [], "en", false, true,
            "test", archive.Clock.GetUtcNow());
        await store.AddAsync(subscription, "whsec_test");
        await RaiseDueSoon(archive, branch);

        await Run(archive);

        var log = await Log(archive, branch, subscription.Id);
        Assert.Equal((DeliveryStatus.Parked, 1), (log.Status, log.Attempts));
        Assert.Contains("Refused to connect", log.LastError);
        Assert.Empty(receiver.Requests);
    }
}
