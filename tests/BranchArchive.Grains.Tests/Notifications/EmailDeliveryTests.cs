using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// End to end: a notice raised in the archive reaches a real SMTP server through the delivery
/// pipeline, once; a rejected recipient is parked, not retried; a digest subscription gets no
/// single message for due-soon and overdue notices (its digest carries them).
/// </summary>
public sealed class EmailDeliveryTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_due_soon_notice_reaches_the_branchs_mailbox_through_the_pipeline_once(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseRecipient = to => to == "left-the-bank@bank.test" ? 550 : null;
        await using var archive = await EmailDigestTests.StartAsync(storage, new MovedClock(), smtp);
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var desk = await EmailDigestTests.Subscribe(grains, branch, "desk@bank.test", "en", digest: false);
        var gone = await EmailDigestTests.Subscribe(grains, branch, "left-the-bank@bank.test", "en", digest: false);
        await EmailDigestTests.Subscribe(grains, branch, "digest@bank.test", "zh-CN", digest: true);
        var file = await Archive.RegisterFile(grains, branch);
        (await file.CheckOut(Archive.Checkout("zhang.san", days: 1), Archive.Clerk(branch), null)).AssertSucceeded();
        var number = (await file.Get(Archive.Archivist)).AssertSucceeded().FileNumber;

        await grains.GetGrain<ILoanNoticeSweeperGrain>(0).Sweep(); // raises due soon
        var dispatcher = grains.GetGrain<INoticeDispatcherGrain>(0);
        await dispatcher.Run();
        await dispatcher.Run();

        var mail = await smtp.NextAsync();
        Assert.Equal(["desk@bank.test"], mail.Recipients);
        Assert.Equal($"Due soon: file number {number} is due on 23 November 2026", mail.Message.Subject);
        Assert.Contains($"File number {number} of branch {branch}, checked out to zhang.san, is due on 23 November 2026.", mail.Body);
        Assert.Single(smtp.Received); // once; none to the digest subscription, none accepted for the rejected address
        var subscriptions = grains.GetGrain<INoticeSubscriptionsGrain>(0);
        var delivered = Assert.Single((await subscriptions.Deliveries(desk, 1, 10, Archive.Archivist)).AssertSucceeded().Items);
        Assert.Equal((DeliveryStatus.Delivered, 1, nameof(NoticeKind.DueSoon)), (delivered.Status, delivered.Attempts, delivered.Type));
        var parked = Assert.Single((await subscriptions.Deliveries(gone, 1, 10, Archive.Archivist)).AssertSucceeded().Items);
        Assert.Equal((DeliveryStatus.Parked, 1, (int?)550), (parked.Status, parked.Attempts, parked.LastStatusCode));
    }
}
