using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Tests.Imports;
using BranchArchive.Grains.Tests.Support;
using static BranchArchive.Grains.Tests.Support.CirculationSteps;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// The notices of a file's journey and of an import reach whom they are for, once per event (a
/// repeat of the same step adds nothing, a new step a new notice), and their read state is kept
/// per notice: marked by the branch's staff or the recipient, refused to anyone else without change.
/// </summary>
public abstract class NoticeEventsTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private INoticeBoardGrain Board => Grains.GetGrain<INoticeBoardGrain>(0);

    [SkippableFact]
    public async Task Each_step_of_a_journey_tells_the_branch_that_must_act_once_and_the_borrower_in_person_when_the_file_arrives()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        var id = file.GetPrimaryKeyString();

        var first = (await file.Request(Request(there), Archive.Clerk(there), "request-1")).AssertSucceeded().Request!;
        (await file.Request(Request(there), Archive.Clerk(there), "request-1")).AssertSucceeded(); // a retry: the same event
        var second = (await file.Request(Request(other), Archive.Clerk(other), null)).AssertSucceeded().Request!;

        // The home holds it and must send it: told of the request at the head of the queue only.
        var dispatch = Assert.Single(await Notices(home, NoticeKind.DispatchRequested));
        Assert.Equal((id, first.RequestId, first.Borrower, first.RequestedAt, false), (dispatch.FileId, dispatch.RequestId, dispatch.Borrower, dispatch.DueAt, dispatch.Read));
        Assert.StartsWith("ntc_", dispatch.Id);

        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), "dispatch-1")).AssertSucceeded();
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), "dispatch-1")).AssertSucceeded();
        var coming = Assert.Single(await Notices(there, NoticeKind.InTransitToYou));
        Assert.Equal((first.RequestId, (string?)null), (coming.RequestId, coming.Recipient));
        Assert.Empty(await Notices(other, NoticeKind.InTransitToYou));

        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();
        var arrived = Assert.Single(await Notices(there, NoticeKind.ArrivedForPickup));
        Assert.Null(arrived.Recipient);
        var borrower = new Actor(first.Borrower, StaffRoles.Clerk, there);
        var toBorrower = Assert.Single((await Board.Find(new NoticeFilter(Mine: true, Kinds: [NoticeKind.ArrivedForPickup]), borrower)).AssertSucceeded().Items);
        Assert.Equal((NoticeKind.ArrivedForPickup, first.Borrower, first.RequestId, there), (toBorrower.Kind, toBorrower.Recipient, toBorrower.RequestId, toBorrower.Branch));
        Assert.NotEqual(arrived.Id, toBorrower.Id);
        Assert.Empty((await Board.Find(new NoticeFilter(Mine: true), Archive.Clerk(there))).AssertSucceeded().Items);

        // Lent there, returned and sent home: the home is told it is coming, and, back on its shelf,
        // that the next request waits for it to be sent.
        var loan = (await file.Pickup(new PickupCommand(first.RequestId), Archive.Clerk(there), null)).AssertSucceeded();
        (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, ""), Archive.Clerk(there), null)).AssertSucceeded();
        (await file.Dispatch(new DispatchCommand("EMS-2"), Archive.Clerk(there), null)).AssertSucceeded();
        var homeward = Assert.Single(await Notices(home, NoticeKind.InTransitToYou));
        Assert.Null(homeward.RequestId);
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(new[] { first.RequestId, second.RequestId }.Order(), (await Notices(home, NoticeKind.DispatchRequested)).Select(n => n.RequestId!).Order());
        Assert.Single(await Notices(there, NoticeKind.InTransitToYou));
    }

    [SkippableFact]
    public async Task A_notice_is_read_for_its_branch_once_one_of_its_staff_marks_it_and_no_one_else_may_mark_it_or_learn_that_it_exists()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        (await file.Request(Request(there), Archive.Clerk(there), null)).AssertSucceeded();
        var notice = Assert.Single(await Notices(home, NoticeKind.DispatchRequested));
        var colleague = new Actor("second." + home.ToLowerInvariant(), StaffRoles.Clerk, home);

        // Another branch: answered as unknown, nothing changes, the attempt is in the log.
        (await Board.Mark(notice.Id!, true, Archive.Clerk(there))).AssertRefused(Outcome.NotFound);
        (await Board.Mark(notice.Id!, true, Archive.Auditor)).AssertRefused(Outcome.Forbidden); // sees, changes nothing
        (await Board.Mark("ntc_" + new string('0', 32), true, Archive.Clerk(home))).AssertRefused(Outcome.NotFound);
        Assert.False(Assert.Single(await Notices(home, NoticeKind.DispatchRequested)).Read);
        var denied = await Audit(notice.FileId, AuditActions.MarkNoticeRead);
        Assert.Equal([("clerk." + there.ToLowerInvariant(), nameof(Outcome.Forbidden)), ("auditor", nameof(Outcome.Forbidden))],
            denied.Select(e => (e.Actor, e.Outcome)));

        var marked = (await Board.Mark(notice.Id!, true, Archive.Clerk(home))).AssertSucceeded();
        Assert.Equal((true, "clerk." + home.ToLowerInvariant()), (marked.Read, marked.ReadBy));

        // Read for the whole branch: a colleague's unread list no longer has it; marking again keeps the first reader.
        Assert.DoesNotContain((await Board.Find(new NoticeFilter(home, Read: false), colleague)).AssertSucceeded().Items, n => n.Id == notice.Id);
        Assert.Contains((await Board.Find(new NoticeFilter(home, Read: true), colleague)).AssertSucceeded().Items, n => n.Id == notice.Id);
        Assert.Equal("clerk." + home.ToLowerInvariant(), (await Board.Mark(notice.Id!, true, colleague)).AssertSucceeded().ReadBy);
        Assert.Single(await Audit(notice.FileId, AuditActions.MarkNoticeRead), e => e.Outcome == nameof(Outcome.Ok));

        var unread = (await Board.Mark(notice.Id!, false, colleague)).AssertSucceeded();
        Assert.Equal((false, (string?)null, (DateTimeOffset?)null), (unread.Read, unread.ReadBy, unread.ReadAt));
        Assert.Contains((await Board.Find(new NoticeFilter(home, Read: false), colleague)).AssertSucceeded().Items, n => n.Id == notice.Id);
        Assert.Single(await Audit(notice.FileId, AuditActions.MarkNoticeUnread), e => e.Outcome == nameof(Outcome.Ok));

        // The window of raising time.
        Assert.DoesNotContain((await Board.Find(new NoticeFilter(home, Since: notice.At.AddTicks(1)), colleague)).AssertSucceeded().Items, n => n.Id == notice.Id);
        Assert.Contains((await Board.Find(new NoticeFilter(home, Since: notice.At, Before: notice.At.AddTicks(1)), colleague)).AssertSucceeded().Items, n => n.Id == notice.Id);
        (await Board.Find(new NoticeFilter(home, Since: notice.At, Before: notice.At), colleague)).AssertRefused(Outcome.Invalid);
    }

    [SkippableFact]
    public async Task A_notice_to_a_person_is_marked_by_them_or_head_office_and_not_by_their_branch()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        var request = (await file.Request(Request(there), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();
        var borrower = new Actor(request.Borrower, StaffRoles.Clerk, there);
        var mine = Assert.Single((await Board.Find(new NoticeFilter(Mine: true, Read: false, Kinds: [NoticeKind.ArrivedForPickup]), borrower)).AssertSucceeded().Items);

        (await Board.Mark(mine.Id!, true, Archive.Clerk(there))).AssertRefused(Outcome.NotFound);
        Assert.False(Assert.Single((await Board.Find(new NoticeFilter(Mine: true, Kinds: [NoticeKind.ArrivedForPickup]), borrower)).AssertSucceeded().Items).Read);
        Assert.True((await Board.Mark(mine.Id!, true, borrower)).AssertSucceeded().Read);
        Assert.Empty((await Board.Find(new NoticeFilter(Mine: true, Read: false, Kinds: [NoticeKind.ArrivedForPickup]), borrower)).AssertSucceeded().Items);
        Assert.False((await Board.Mark(mine.Id!, false, Archive.Archivist)).AssertSucceeded().Read);
        // The branch's own notice of the arrival keeps its own state.
        Assert.False(Assert.Single(await Notices(there, NoticeKind.ArrivedForPickup)).Read);
    }

    [SkippableFact]
    public async Task An_import_that_ends_tells_its_branch_and_who_started_it_once()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var clerk = Archive.Clerk(branch);
        var command = ImportTests.Command(ImportCsvFactory.Create(3, 1, tag: branch), null);
        var job = Grains.GetGrain<IImportJobGrain>(ImportIds.Job(clerk.Subject, null, command.Digest));
        (await job.Start(command, clerk)).AssertSucceeded();
        Assert.Equal(ImportState.Completed, (await ImportTests.WaitAsync(job, clerk)).Job.State);

        // Posted right after the job's end is stored; the board may be a moment behind the job's answer.
        var toBranch = await EventuallySingle(() => Notices(branch, NoticeKind.ImportFinished));
        Assert.Equal((job.GetPrimaryKeyString(), "", (string?)null), (toBranch.ImportJob, toBranch.FileId, toBranch.Recipient));
        var toClerk = await EventuallySingle(async () => (await Board.Find(new NoticeFilter(Mine: true, Kinds: [NoticeKind.ImportFinished]), clerk)).AssertSucceeded().Items);
        Assert.Equal((job.GetPrimaryKeyString(), clerk.Subject), (toClerk.ImportJob, toClerk.Recipient));
        (await job.Start(command, clerk)).AssertSucceeded(); // the same CSV again: the same job, no new event
        Assert.Single(await Notices(branch, NoticeKind.ImportFinished));
    }

    private async Task<IReadOnlyList<LoanNotice>> Notices(string branch, NoticeKind kind) =>
        (await Board.Find(new NoticeFilter(branch, Kinds: [kind]), Archive.Clerk(branch))).AssertSucceeded().Items;

    private async Task<IReadOnlyList<AuditEntry>> Audit(string fileId, string action) =>
        (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(fileId, null, null, null, null, Action: action), Archive.Archivist)).AssertSucceeded().Items;

    private static async Task<LoanNotice> EventuallySingle(Func<Task<IReadOnlyList<LoanNotice>>> list)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = await list();
            if (items.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(items);
            }
            await Task.Delay(50);
        }
    }
}

[Collection(SqliteCluster.Name)]
public sealed class NoticeEventsTestsOnSqlite(SqliteClusterFixture fixture) : NoticeEventsTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class NoticeEventsTestsOnPostgres(PostgresClusterFixture fixture) : NoticeEventsTests(fixture);
