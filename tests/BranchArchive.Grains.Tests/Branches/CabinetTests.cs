using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Branches;

public abstract class CabinetTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task A_full_cabinet_refuses_a_new_file()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains, capacity: 2);
        await Archive.RegisterFile(Grains, branch);
        await Archive.RegisterFile(Grains, branch);

        var third = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        var refused = await third.Register(Archive.NewFile(branch), Archive.Archivist);

        refused.AssertRefused(Outcome.Conflict);
        Assert.Contains("full", refused.Detail);
        (await third.Get(Archive.Archivist)).AssertRefused(Outcome.NotFound);
        var cabinet = (await Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01")).Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(2, cabinet.Occupied);
    }

    [SkippableFact]
    public async Task A_manager_names_the_custodian_and_every_change_is_kept()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var cabinet = Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01"));
        var manager = new Actor("manager.wu", StaffRoles.Manager, branch);

        (await cabinet.AssignCustodian(new AssignCustodianCommand("zhao.liu"), manager)).AssertSucceeded();
        var now = (await cabinet.AssignCustodian(new AssignCustodianCommand("qian.qi"), manager)).AssertSucceeded();

        Assert.Equal("qian.qi", now.Custodian);
        Assert.Equal([("zhao.liu", "qian.qi"), (null, "zhao.liu")], now.CustodianHistory!.Select(c => (c.From, c.To)));
        Assert.All(now.CustodianHistory!, c => Assert.Equal("manager.wu", c.By));
        (await cabinet.AssignCustodian(new AssignCustodianCommand("mallory"), Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
        (await cabinet.AssignCustodian(new AssignCustodianCommand("mallory"), new Actor("m2", StaffRoles.Manager, other))).AssertRefused(Outcome.Forbidden);
        (await cabinet.AssignCustodian(new AssignCustodianCommand(" "), manager)).AssertRefused(Outcome.Invalid);
        Assert.Equal("qian.qi", (await cabinet.Get(Archive.Archivist)).AssertSucceeded().Custodian);
    }

    [SkippableFact]
    public async Task A_file_for_an_unknown_cabinet_is_not_found()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());

        (await file.Register(Archive.NewFile(branch, cabinet: "NOPE"), Archive.Archivist)).AssertRefused(Outcome.NotFound);
    }

    [SkippableFact]
    public async Task Concurrent_registrations_get_distinct_file_numbers()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains, capacity: 500);

        // Fifty at once: far more than arrive during one write of the number grain, so numbers are
        // promised while writes are under way (FileNumberTests asks for 300 at once of that grain alone).
        var files = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            await Task.Yield();
            return (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();
        }));

        Assert.Equal(50, files.Select(f => f.FileNumber).Distinct().Count());
        Assert.All(files, f => Assert.True(f.FileNumber > 0));
    }

    [SkippableFact]
    public async Task A_branch_code_in_use_is_a_conflict()
    {
        var code = Archive.NewBranchCode();
        var branch = Grains.GetGrain<IBranchGrain>(code);
        (await branch.Open(new CreateBranchCommand(code, "First", null), Archive.Archivist, null)).AssertSucceeded();

        (await branch.Open(new CreateBranchCommand(code, "Second", null), Archive.Archivist, null)).AssertRefused(Outcome.Conflict);
        Assert.Equal("First", (await branch.Describe())!.Name);
        Assert.Contains(code, await Grains.GetGrain<IBranchDirectoryGrain>(0).Codes());
    }

    [SkippableFact]
    public async Task Only_head_office_opens_branches()
    {
        var code = Archive.NewBranchCode();
        var manager = new Actor("m", StaffRoles.Manager, code);

        (await Grains.GetGrain<IBranchGrain>(code).Open(new CreateBranchCommand(code, "X", null), manager, null)).AssertRefused(Outcome.Forbidden);
        Assert.Null(await Grains.GetGrain<IBranchGrain>(code).Describe());
    }

    [SkippableFact]
    public async Task A_manager_sets_up_cabinets_in_the_own_branch_only_and_a_clerk_in_none()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var grain = Grains.GetGrain<IBranchGrain>(branch);
        var cabinet = new CreateCabinetCommand("C02", "Credit", 50);

        (await grain.AddCabinet(cabinet, Archive.Clerk(branch), null)).AssertRefused(Outcome.Forbidden);
        (await grain.AddCabinet(cabinet, new Actor("m2", StaffRoles.Manager, "OTHER1"), null)).AssertRefused(Outcome.Forbidden);
        (await grain.AddCabinet(cabinet, new Actor("m1", StaffRoles.Manager, branch), null)).AssertSucceeded();
        (await grain.AddCabinet(cabinet, new Actor("m1", StaffRoles.Manager, branch), null)).AssertRefused(Outcome.Conflict);
        Assert.Equal(["C01", "C02"], (await grain.Describe())!.Cabinets);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class CabinetTestsOnSqlite(SqliteClusterFixture fixture) : CabinetTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class CabinetTestsOnPostgres(PostgresClusterFixture fixture) : CabinetTests(fixture);
