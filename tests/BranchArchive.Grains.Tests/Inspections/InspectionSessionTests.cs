using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Inspections;

/// <summary>Stocktakes on a real cluster: the lock, the reconciliation, the report, a session cut off midway.</summary>
public sealed class InspectionSessionTests(InspectionClusterFixture fixture) : IClassFixture<InspectionClusterFixture>
{
    private IClusterClient Grains => fixture.Archive.Client;

    [Fact]
    public async Task A_stocktake_finds_one_file_missing_one_misplaced_and_one_unexpected_number()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        await Archive.AddCabinet(Grains, branch, "C02");
        var (found, missing, lent) = (await Archive.RegisterFile(Grains, branch), await Archive.RegisterFile(Grains, branch),
            await Archive.RegisterFile(Grains, branch));
        var elsewhere = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await elsewhere.Register(Archive.NewFile(branch, cabinet: "C02"), Archive.Archivist)).AssertSucceeded();
        (await lent.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        const long unknown = 987_654_321_000;

        var inspections = Inspections(branch, "C01");
        var clerk = Archive.Clerk(branch);
        var session = (await inspections.Start(clerk)).AssertSucceeded();
        Assert.Equal((InspectionStatus.Open, 3), (session.Status, session.RosterCount));
        Assert.Equal(session.Id, (await inspections.Start(clerk)).AssertSucceeded().Id); // one session at a time
        await inspections.RecordFound(session.Id, new RecordFoundCommand([await NumberOf(found)]), clerk);
        var recorded = (await inspections.RecordFound(session.Id,
            new RecordFoundCommand([await NumberOf(found), await NumberOf(elsewhere), unknown]), clerk)).AssertSucceeded();
        Assert.Equal(3, recorded.FoundCount); // the repeated number counts once

        var report = (await inspections.Complete(session.Id, clerk)).AssertSucceeded();

        Assert.Equal(InspectionStatus.Completed, report.Status);
        Assert.Equal([missing.GetPrimaryKeyString()], report.Missing.Select(f => f.FileId));
        Assert.Equal([(elsewhere.GetPrimaryKeyString(), branch, "C02")], report.Misplaced.Select(f => (f.FileId, f.Branch, f.Cabinet)));
        Assert.Equal([new UnexpectedNumber(unknown, UnexpectedReason.Unknown)], report.Unexpected);
        Assert.Equal([(lent.GetPrimaryKeyString(), FileStatus.CheckedOut)], report.Accounted.Select(f => (f.FileId, f.Status)));
        Assert.Equal(FileStatus.Missing, await StatusOf(missing));
        Assert.Equal(FileStatus.OnShelf, await StatusOf(found));
        Assert.Equal(FileStatus.OnShelf, await StatusOf(elsewhere));

        // Kept and listed: per cabinet, per branch; a repeated completion answers the stored report.
        Assert.Equivalent(report, (await inspections.Complete(session.Id, clerk)).AssertSucceeded(), strict: true);
        Assert.Equivalent(report, (await inspections.Get(session.Id, Archive.Auditor)).AssertSucceeded(), strict: true);
        var listed = (await Grains.GetGrain<IInspectionBoardGrain>(0).ListForBranch(branch, clerk)).AssertSucceeded();
        Assert.Equal([(session.Id, 1, 1, 1)], listed.Select(s => (s.Id, s.MissingCount, s.MisplacedCount, s.UnexpectedCount)));
    }

    [Fact]
    public async Task No_file_is_shelved_in_a_cabinet_while_it_is_inspected()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        await Archive.RegisterFile(Grains, branch);
        var inspections = Inspections(branch, "C01");
        var clerk = Archive.Clerk(branch);
        var session = (await inspections.Start(clerk)).AssertSucceeded();

        var during = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await during.Register(Archive.NewFile(branch), Archive.Archivist)).AssertRefused(Outcome.Conflict);
        var report = (await inspections.Complete(session.Id, clerk)).AssertSucceeded();
        (await during.Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();

        Assert.Equal(1, report.RosterCount);
        Assert.Equal(2, (await Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01")).Get(Archive.Archivist)).AssertSucceeded().Occupied);
    }

    [Fact]
    public async Task An_abandoned_inspection_unlocks_every_file_unchanged_and_the_cabinet_stays_due()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var (seen, unseen) = (await Archive.RegisterFile(Grains, branch), await Archive.RegisterFile(Grains, branch));
        var inspections = Inspections(branch, "C01");
        var clerk = Archive.Clerk(branch);
        var manager = new Actor($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);
        var session = (await inspections.Start(clerk)).AssertSucceeded();
        await inspections.RecordFound(session.Id, new RecordFoundCommand([await NumberOf(seen)]), clerk);

        (await inspections.Abandon(session.Id, new AbandonInspectionCommand("Fire drill"), clerk)).AssertRefused(Outcome.Forbidden);
        (await inspections.Abandon(session.Id, new AbandonInspectionCommand(" "), manager)).AssertRefused(Outcome.Invalid);
        var report = (await inspections.Abandon(session.Id, new AbandonInspectionCommand("Fire drill"), manager)).AssertSucceeded();
        var repeat = (await inspections.Abandon(session.Id, new AbandonInspectionCommand("Fire drill"), manager)).AssertSucceeded();

        Assert.Equal((InspectionStatus.Abandoned, "Fire drill", 0), (report.Status, report.AbandonReason, report.Missing.Count));
        Assert.Equal(report.CompletedAt, repeat.CompletedAt);
        Assert.Equal(FileStatus.OnShelf, await StatusOf(unseen)); // not found, yet not marked missing
        (await unseen.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();
        Assert.Null((await inspections.EnsureScheduled())!.LastInspectedAt);
        Assert.Equal(InspectionStatus.Abandoned, (await inspections.Complete(session.Id, clerk)).AssertSucceeded().Status); // the stored report, not a completion
    }

    [Fact]
    public async Task Checkout_and_return_are_refused_while_the_inspection_runs_and_allowed_after()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var (onShelf, lent) = (await Archive.RegisterFile(Grains, branch), await Archive.RegisterFile(Grains, branch));
        var clerk = Archive.Clerk(branch);
        var loan = (await lent.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        var inspections = Inspections(branch, "C01");
        var session = (await inspections.Start(clerk)).AssertSucceeded();

        (await onShelf.CheckOut(Archive.Checkout(), clerk, null)).AssertRefused(Outcome.Conflict);
        (await lent.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertRefused(Outcome.Conflict);
        Assert.Equal(FileStatus.OnShelf, await StatusOf(onShelf));

        await inspections.RecordFound(session.Id, new RecordFoundCommand([await NumberOf(onShelf)]), clerk);
        (await inspections.Complete(session.Id, clerk)).AssertSucceeded();

        (await lent.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertSucceeded();
        (await onShelf.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
    }

    [Fact]
    public async Task A_missing_file_found_in_a_later_inspection_is_on_the_shelf_again()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var inspections = Inspections(branch, "C01");
        var clerk = Archive.Clerk(branch);

        var first = (await inspections.Start(clerk)).AssertSucceeded();
        (await inspections.Complete(first.Id, clerk)).AssertSucceeded();
        Assert.Equal(FileStatus.Missing, await StatusOf(file));
        (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertRefused(Outcome.Conflict);

        var second = (await inspections.Start(clerk)).AssertSucceeded();
        Assert.NotEqual(first.Id, second.Id);
        await inspections.RecordFound(second.Id, new RecordFoundCommand([await NumberOf(file)]), clerk);
        var report = (await inspections.Complete(second.Id, clerk)).AssertSucceeded();

        Assert.Equal([file.GetPrimaryKeyString()], report.FoundAgain.Select(f => f.FileId));
        Assert.Empty(report.Missing);
        Assert.Equal(FileStatus.OnShelf, await StatusOf(file));
        (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        Assert.Equal([second.Id, first.Id], (await inspections.List(clerk)).AssertSucceeded().Select(s => s.Id));
    }

    [Fact]
    public async Task Another_branch_may_not_inspect_nor_read_and_bad_input_changes_nothing()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var inspections = Inspections(branch, "C01");

        (await inspections.Start(Archive.Clerk(other))).AssertRefused(Outcome.Forbidden);
        (await inspections.Start(Archive.Auditor)).AssertRefused(Outcome.Forbidden);
        (await inspections.List(Archive.Clerk(other))).AssertRefused(Outcome.Forbidden);
        (await Grains.GetGrain<IInspectionBoardGrain>(0).ListDue(branch, Archive.Clerk(other))).AssertRefused(Outcome.Forbidden);
        (await Inspections(branch, "NOPE").Start(Archive.Clerk(branch))).AssertRefused(Outcome.NotFound);

        var session = (await inspections.Start(Archive.Clerk(branch))).AssertSucceeded();
        (await inspections.RecordFound(session.Id, new RecordFoundCommand([]), Archive.Clerk(branch))).AssertRefused(Outcome.Invalid);
        (await inspections.RecordFound(session.Id, new RecordFoundCommand([-4]), Archive.Clerk(branch))).AssertRefused(Outcome.Invalid);
        (await inspections.RecordFound(Guid.NewGuid().ToString(), new RecordFoundCommand([1]), Archive.Clerk(branch))).AssertRefused(Outcome.NotFound);
        Assert.Equal(0, (await inspections.Get(session.Id, Archive.Clerk(branch))).AssertSucceeded().FoundCount);
        (await inspections.Complete(session.Id, Archive.Archivist)).AssertSucceeded(); // head office may finish it
    }

    [Fact]
    public async Task A_completion_cut_off_midway_is_finished_by_the_next_call_and_every_file_is_unlocked()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var files = new[] { await Archive.RegisterFile(Grains, branch), await Archive.RegisterFile(Grains, branch) };
        var clerk = Archive.Clerk(branch);
        var inspections = Inspections(branch, "C01");
        var session = (await inspections.Start(clerk)).AssertSucceeded();
        await inspections.RecordFound(session.Id, new RecordFoundCommand([await NumberOf(files[0])]), clerk);

        fixture.Fault.Armed = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => inspections.Complete(session.Id, clerk));
        }
        finally
        {
            fixture.Fault.Armed = false;
        }
        (await files[0].CheckOut(Archive.Checkout(), clerk, null)).AssertRefused(Outcome.Conflict); // still locked

        // The next call finishes the stored completion first.
        var report = (await inspections.Complete(session.Id, clerk)).AssertSucceeded();
        Assert.Equal(InspectionStatus.Completed, report.Status);
        Assert.Equal([files[1].GetPrimaryKeyString()], report.Missing.Select(f => f.FileId));
        Assert.Equal(FileStatus.Missing, await StatusOf(files[1]));
        (await files[0].CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
    }

    private ICabinetInspectionGrain Inspections(string branch, string cabinet) =>
        Grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, cabinet));

    private static async Task<long> NumberOf(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded().FileNumber;

    private static async Task<FileStatus> StatusOf(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded().Status;
}
