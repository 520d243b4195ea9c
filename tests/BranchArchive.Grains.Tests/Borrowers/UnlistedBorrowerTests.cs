using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Staff;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Borrowers;

/// <summary>As production has it: files are lent only to staff the archive knows.</summary>
public sealed class UnlistedBorrowerTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_borrower_must_be_on_the_branchs_staff_list_or_the_caller_themselves_and_a_refusal_names_the_field(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage);
        var grains = archive.Client;
        var home = await Archive.OpenBranchWithCabinet(grains);
        var there = await Archive.OpenBranchWithCabinet(grains);
        var clerk = Archive.Clerk(home);
        var file = await BorrowerTests.InternalFile(grains, home);

        var refused = await file.CheckOut(Archive.Checkout("zhang.san"), clerk, null);
        refused.AssertRefused(Outcome.Invalid);
        Assert.Contains($"not on the staff list of branch {home}", Assert.Single(refused.Errors!["borrower"]));
        Assert.Equal(FileStatus.OnShelf, (await file.Get(Archive.Archivist)).AssertSucceeded().Status);

        // Listed at another branch only: still not lent to here.
        (await grains.GetGrain<IStaffDirectoryGrain>(there).Enlist("zhang.san", new EnlistStaffCommand("张三", ["clerk"]), Archive.Archivist)).AssertSucceeded();
        (await file.CheckOut(Archive.Checkout("zhang.san"), clerk, null)).AssertRefused(Outcome.Invalid);
        // A request from the other branch names its own staff: accepted; naming someone unknown there is not.
        (await file.Request(new RequestFileCommand("nobody", there, "Credit review", 7), Archive.Clerk(there), null)).AssertRefused(Outcome.Invalid);
        var request = (await file.Request(new RequestFileCommand("zhang.san", there, "Credit review", 7), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        (await file.CancelRequest(request.RequestId, Archive.Clerk(there))).AssertSucceeded();

        // The caller in their own name, vouched for by their token: lent.
        var own = (await file.CheckOut(Archive.Checkout(clerk.Subject), clerk, null)).AssertSucceeded();
        Assert.Equal(clerk.Subject, own.Borrower);
        var mine = (await grains.GetGrain<IBorrowerGrain>(clerk.Subject).Loans(clerk)).AssertSucceeded();
        Assert.Equal(own.LoanId, Assert.Single(mine.Loans).LoanId);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_member_moved_to_another_branch_borrows_there_and_no_longer_at_the_old_one(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage);
        var grains = archive.Client;
        var first = await Archive.OpenBranchWithCabinet(grains);
        var second = await Archive.OpenBranchWithCabinet(grains);
        var staffId = $"staff.{Guid.NewGuid():N}";
        (await grains.GetGrain<IStaffDirectoryGrain>(first).Enlist(staffId, new EnlistStaffCommand("李四", ["clerk"]), Archive.Archivist)).AssertSucceeded();
        (await grains.GetGrain<IStaffDirectoryGrain>(second).Enlist(staffId, new EnlistStaffCommand("李四", ["clerk"]), Archive.Archivist)).AssertSucceeded();

        var atFirst = await Archive.RegisterFile(grains, first);
        var atSecond = await Archive.RegisterFile(grains, second);
        (await atFirst.CheckOut(Archive.Checkout(staffId), Archive.Clerk(first), null)).AssertRefused(Outcome.Invalid);
        (await atSecond.CheckOut(Archive.Checkout(staffId), Archive.Clerk(second), null)).AssertSucceeded();
    }

    [SkippableFact]
    public async Task A_checkout_whose_write_fails_gives_the_borrowers_slot_back_at_once()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite); // one transaction: the whole checkout fails
        await using var archive = await StartAsync(storage);
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var staffId = $"staff.{Guid.NewGuid():N}";
        (await grains.GetGrain<IStaffDirectoryGrain>(branch).Enlist(staffId, new EnlistStaffCommand("王五", ["clerk"]), Archive.Archivist)).AssertSucceeded();
        var file = await Archive.RegisterFile(grains, branch);
        await storage.ExecuteAsync("CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditLog WHEN NEW.Action = 'file.checkout' BEGIN SELECT RAISE(ABORT, 'test fault'); END");

        Assert.NotNull(await Record.ExceptionAsync(() => file.CheckOut(Archive.Checkout(staffId), Archive.Clerk(branch), null)));

        await storage.ExecuteAsync("DROP TRIGGER refuse_audit");
        // The limit is 1 here: the failed checkout's slot is free again without waiting for the check.
        var other = await Archive.RegisterFile(grains, branch);
        (await other.CheckOut(Archive.Checkout(staffId), Archive.Clerk(branch), null)).AssertSucceeded();
    }

    private static Task<ArchiveCluster> StartAsync(TestStorage storage) =>
        ArchiveCluster.StartAsync(storage, configure: silo => silo.Services.Configure<CirculationOptions>(circulation =>
        {
            circulation.AllowUnlistedBorrowers = false;
            circulation.LoanLimits["clerk"] = 1;
        }));
}
