using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Notifications.Email;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// The daily e-mail digest on a real cluster and a real SMTP server, on the silos' clock (each test
/// its own): once a day at 07:00 China time, one message per digest subscription with the due-soon
/// and overdue notices raised since the last one; nothing when there is nothing to say; a retryable
/// failure tried again; a restarted cluster sends no day twice.
/// </summary>
public sealed class EmailDigestTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_digest_arrives_once_a_day_with_the_due_and_overdue_notices_raised_since_the_last(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var smtp = await TestSmtpServer.StartAsync();
        var clock = new MovedClock(); // 22 November 2026, 09:30 UTC: 17:30 in China
        string branch, quiet, fileNumber, otherFileNumber;
        await using (var archive = await StartAsync(storage, clock, smtp))
        {
            var grains = archive.Client;
            branch = await Archive.OpenBranchWithCabinet(grains);
            quiet = await Archive.OpenBranchWithCabinet(grains);
            await Subscribe(grains, branch, "sh-desk@bank.test", "zh-CN", digest: true);
            await Subscribe(grains, quiet, "quiet-desk@bank.test", "en", digest: true);
            var file = await Archive.RegisterFile(grains, branch);
            (await file.CheckOut(Archive.Checkout("zhang.san", days: 1), Archive.Clerk(branch), null)).AssertSucceeded();
            var other = await Archive.RegisterFile(grains, branch);
            (await other.CheckOut(Archive.Checkout("li.si", days: 30), Archive.Clerk(branch), null)).AssertSucceeded();
            fileNumber = (await file.Get(Archive.Archivist)).AssertSucceeded().FileNumber.ToString();
            otherFileNumber = (await other.Get(Archive.Archivist)).AssertSucceeded().FileNumber.ToString();
            var sweeper = grains.GetGrain<ILoanNoticeSweeperGrain>(0);
            var digest = grains.GetGrain<IEmailDigestGrain>(0);
            await sweeper.Sweep(); // due tomorrow: due soon, raised now

            Assert.Equal(0, await digest.SendDue()); // today's 07:00 was before the subscriptions
            clock.Advance(TimeSpan.FromHours(13)); // 06:30 on the 23rd in China
            Assert.Equal(0, await digest.SendDue());
            Assert.Empty(smtp.Received);

            clock.Advance(TimeSpan.FromHours(1)); // 07:30
            Assert.Equal(1, await digest.SendDue());
            Assert.Equal(0, await digest.SendDue()); // once
            var first = Assert.Single(smtp.Received);
            Assert.Equal(["sh-desk@bank.test"], first.Recipients);
            Assert.Equal($"客户档案管理系统每日提醒（2026年11月23日）：网点 {branch} 共 1 条", first.Message.Subject);
            Assert.Contains($"- 即将到期：档案编号 {fileNumber}，借阅人 zhang.san，应还日期 2026年11月23日", first.Body);
            Assert.DoesNotContain($"档案编号 {otherFileNumber}，", first.Body); // due in 30 days: not due soon yet
            Assert.DoesNotContain("上海某某", first.Body); // the customer of Archive.NewFile

            clock.Advance(TimeSpan.FromHours(11)); // 18:30 on the 23rd: the loan (due 17:30) is overdue
            await sweeper.Sweep();
        }

        // The silos stop and start again: the day already sent is not sent again, the next one comes.
        await using (var archive = await StartAsync(storage, clock, smtp))
        {
            var digest = archive.Client.GetGrain<IEmailDigestGrain>(0);
            Assert.Equal(0, await digest.SendDue());
            Assert.Single(smtp.Received);

            clock.Advance(TimeSpan.FromHours(13)); // 07:30 on the 24th; the server asks to try later once
            var refusals = 0;
            smtp.RefuseRecipient = _ => Interlocked.Increment(ref refusals) == 1 ? 451 : null;
            Assert.Equal(0, await digest.SendDue());
            Assert.Single(smtp.Received);
            Assert.Equal(1, await digest.SendDue());
            Assert.Equal(0, await digest.SendDue());

            var second = smtp.Received[1];
            Assert.Equal(["sh-desk@bank.test"], second.Recipients);
            Assert.Contains($"- 逾期：档案编号 {fileNumber}，借阅人 zhang.san，应还日期 2026年11月23日", second.Body);
            Assert.DoesNotContain("- 即将到期：", second.Body); // the due-soon notice went in yesterday's digest
            Assert.Equal(2, smtp.Received.Count); // the quiet branch never had anything to say
        }
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    public async Task Head_office_gets_every_branch_in_one_English_digest(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var smtp = await TestSmtpServer.StartAsync();
        var clock = new MovedClock();
        await using var archive = await StartAsync(storage, clock, smtp);
        var grains = archive.Client;
        var east = await Archive.OpenBranchWithCabinet(grains);
        var west = await Archive.OpenBranchWithCabinet(grains);
        await Subscribe(grains, null, "head-office@bank.test", "en", digest: true);
        foreach (var branch in new[] { east, west })
        {
            var file = await Archive.RegisterFile(grains, branch);
            (await file.CheckOut(Archive.Checkout("wang.wu", days: 1), Archive.Clerk(branch), null)).AssertSucceeded();
        }
        await grains.GetGrain<ILoanNoticeSweeperGrain>(0).Sweep();

        clock.Advance(TimeSpan.FromDays(1)); // 17:30 on the 23rd in China
        Assert.Equal(1, await grains.GetGrain<IEmailDigestGrain>(0).SendDue());

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("BranchArchive daily digest, 23 November 2026: 2 notices for all branches", mail.Message.Subject);
        Assert.Contains($"- [{east}] Due soon: file number", mail.Body);
        Assert.Contains($"- [{west}] Due soon: file number", mail.Body);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_digest_whose_silos_died_during_its_send_is_not_sent_again(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var smtp = await TestSmtpServer.StartAsync();
        var clock = new MovedClock();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await StartAsync(storage, clock, smtp);
        var branch = await Archive.OpenBranchWithCabinet(first.Client);
        await Subscribe(first.Client, branch, "sh-desk@bank.test", "en", digest: true);
        var file = await Archive.RegisterFile(first.Client, branch);
        (await file.CheckOut(Archive.Checkout("zhang.san", days: 1), Archive.Clerk(branch), null)).AssertSucceeded();
        await first.Client.GetGrain<ILoanNoticeSweeperGrain>(0).Sweep();
        clock.Advance(TimeSpan.FromDays(1));

        // The message's data reaches the server; before the server answers, every silo dies.
        smtp.BeforeAccepting = async () =>
        {
            arrived.TrySetResult();
            await release.Task;
        };
        using var interrupted = new DigestOutcomes();
        var cut = first.Client.GetGrain<IEmailDigestGrain>(0).SendDue();
        _ = cut.ContinueWith(call => call.Exception, TaskScheduler.Default); // the dead cluster's call ends as it may
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var silo in first.Cluster.Silos.ToList())
        {
            await first.Cluster.KillSiloAsync(silo);
        }

        // The cluster starts again: that window's outcome is unknown, so it is given up (at most one digest a day).
        await using (var second = await StartAsync(storage, clock, smtp))
        {
            var digest = second.Client.GetGrain<IEmailDigestGrain>(0);
            Assert.Equal(0, await digest.SendDue());
            Assert.Equal(1, interrupted.Count("interrupted"));
            clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(0, await digest.SendDue()); // the next day has nothing new to say
            Assert.Equal(1, interrupted.Count("interrupted"));
        }
        release.SetResult();
        Assert.True(smtp.Received.Count <= 1, "Only the send that was cut may have gone out.");
        await first.Cluster.DisposeAsync();
    }

    internal static Task<ArchiveCluster> StartAsync(TestStorage storage, MovedClock clock, TestSmtpServer smtp) =>
        ArchiveCluster.StartAsync(storage, clock: clock, configure: silo =>
        {
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System); // Orleans' own clocks stay real
            silo.Services.Configure<SmtpOptions>(options =>
            {
                var test = EmailNoticeSenderTests.OptionsFor(smtp);
                (options.Host, options.Port, options.Security, options.From) = (test.Host, test.Port, test.Security, test.From);
            });
        });

    internal static async Task<string> Subscribe(IGrainFactory grains, string? branch, string to, string language, bool digest) =>
        (await grains.GetGrain<INoticeSubscriptionsGrain>(0).Create(
            new CreateNoticeSubscriptionCommand(branch, NoticeChannel.Email, to, null, language, digest), Archive.Archivist)).AssertSucceeded().Subscription.Id;

    /// <summary>Counts the digest outcomes the silos of this process record (archive.notices.digests).</summary>
    private sealed class DigestOutcomes : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _counts = new();

        public DigestOutcomes()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "archive.notices.digests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome" && tag.Value is string outcome)
                    {
                        _counts.AddOrUpdate(outcome, value, (_, sum) => sum + value);
                    }
                }
            });
            _listener.Start();
        }

        public long Count(string outcome) => _counts.GetValueOrDefault(outcome);

        public void Dispose() => _listener.Dispose();
    }
}
