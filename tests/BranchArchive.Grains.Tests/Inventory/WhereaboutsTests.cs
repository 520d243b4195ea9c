using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Inventory;

/// <summary>
/// "Where is the file now?" (issue 18.2): the file view and its catalogue line name the branch
/// holding the file, the stage of its journey and where it goes next, at every step of a
/// cross-branch loan; head office lists and counts both by home and by place; branch staff list
/// the files in their hands and on the road to them, and nothing else.
/// </summary>
public abstract class WhereaboutsTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;
    private IInventoryGrain Inventory => Grains.GetGrain<IInventoryGrain>(0);

    [SkippableFact]
    public async Task Each_step_of_a_cross_branch_loan_moves_the_file_between_the_branches_lists_and_counts()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var bystander = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        var number = (await file.Get(Archive.Archivist)).AssertSucceeded().FileNumber;

        await Expect(CirculationStage.AtHome, home, null);

        var request = (await file.Request(new RequestFileCommand("reader.b", there, "Credit review", 7), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        await Expect(CirculationStage.AwaitingDispatch, home, there);
        // Merely requested: the requesting branch does not see the file in its lists yet.
        Assert.DoesNotContain(await Numbers(Query() with { Destination = there }, Archive.Clerk(there)), n => n == number);

        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        await Expect(CirculationStage.InTransit, null, there);
        Assert.Contains(number, await Numbers(Query() with { Destination = there }, Archive.Clerk(there)));
        Assert.Equal(1, (await Place(there, Archive.Clerk(there))).Arriving);

        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();
        await Expect(CirculationStage.AwaitingPickup, there, null);

        var loan = (await file.Pickup(new PickupCommand(request.RequestId), Archive.Clerk(there), null)).AssertSucceeded();
        await Expect(CirculationStage.OnLoanAway, there, null);
        // Due dates bound a branch's loans (its "due soon" list): the bound before the due date is exclusive.
        Assert.Contains(number, await Numbers(Query() with { Location = there, DueFrom = loan.DueAt, DueBefore = loan.DueAt.AddSeconds(1) }, Archive.Clerk(there)));
        Assert.DoesNotContain(number, await Numbers(Query() with { Location = there, DueBefore = loan.DueAt }, Archive.Clerk(there)));
        Assert.DoesNotContain(number, await Numbers(Query() with { Location = there, DueFrom = loan.DueAt.AddSeconds(1) }, Archive.Clerk(there)));

        (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), Archive.Clerk(there), null)).AssertSucceeded();
        await Expect(CirculationStage.AwaitingDispatchHome, there, home);

        (await file.Dispatch(new DispatchCommand("EMS-2"), Archive.Clerk(there), null)).AssertSucceeded();
        await Expect(CirculationStage.InTransit, null, home);
        Assert.DoesNotContain(await Numbers(Query() with { Location = there }, Archive.Clerk(there)), n => n == number);

        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null)).AssertSucceeded();
        await Expect(CirculationStage.AtHome, home, null);

        async Task Expect(CirculationStage stage, string? location, string? destination)
        {
            var view = (await file.Get(Archive.Archivist)).AssertSucceeded();
            Assert.Equal((stage, location, destination), (view.CirculationStage, view.Location, view.Destination));

            // Head office: the line says the same, and the file is listed by home and by place.
            var line = Assert.Single((await Inventory.Search(Query() with { Q = number.ToString() }, Archive.Archivist)).AssertSucceeded().Items);
            Assert.Equal((home, stage, location, destination), (line.Branch, line.CirculationStage, line.Location, line.Destination));
            Assert.Contains(number, await Numbers(Query() with { Branch = home }, Archive.Archivist));
            foreach (var branch in new[] { home, there })
            {
                Assert.Equal(branch == location, (await Numbers(Query() with { Location = branch }, Archive.Archivist)).Contains(number));
                Assert.Equal(branch == destination, (await Numbers(Query() with { Destination = branch, CirculationStage = stage }, Archive.Archivist)).Contains(number));
                // Counted both ways: always at home by home branch; by place where it is, or arriving where it goes.
                var summary = (await Inventory.Summary(Archive.Archivist)).AssertSucceeded();
                var held = summary.ByLocation.SingleOrDefault(p => p.Branch == branch);
                Assert.Equal(branch == location ? 1 : 0, held?.Held ?? 0);
                Assert.Equal(branch == location ? 1 : 0, held?.ByStage.GetValueOrDefault(stage.ToString()) ?? 0);
                Assert.Equal(stage == CirculationStage.InTransit && branch == destination ? 1 : 0, held?.Arriving ?? 0);
                Assert.Equal(branch == home ? 1 : 0, summary.ByBranch.SingleOrDefault(b => b.Branch == branch)?.Total ?? 0);
            }

            // Branch staff: the holding branch lists it by location; the home branch by its own list, as before.
            if (location is not null)
            {
                Assert.Contains(number, await Numbers(Query() with { Location = location }, Archive.Clerk(location)));
                Assert.Equal(1, (await Place(location, Archive.Clerk(location))).Held);
            }
            Assert.Contains(number, await Numbers(Query(), Archive.Clerk(home)));
            // A third branch sees nothing of it, in lists or counts.
            Assert.Empty(await Numbers(Query(), Archive.Clerk(bystander)));
            Assert.Empty(await Numbers(Query() with { Location = bystander }, Archive.Clerk(bystander)));
            Assert.Empty(await Numbers(Query() with { Destination = bystander }, Archive.Clerk(bystander)));
            var theirs = (await Inventory.Summary(Archive.Clerk(bystander))).AssertSucceeded();
            Assert.Equal(0, theirs.Total);
            Assert.All(theirs.ByLocation, p => Assert.Equal(bystander, p.Branch));
            Assert.Equal(0, theirs.ByLocation.Sum(p => p.Held + p.Arriving));
        }
    }

    [SkippableFact]
    public async Task Branch_staff_may_name_only_their_own_branch_and_see_only_dispatched_files_headed_for_them()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        (await file.Request(new RequestFileCommand("reader.b", there, "Credit review", 7), Archive.Clerk(there), null)).AssertSucceeded();

        (await Inventory.Search(Query() with { Location = home }, Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);
        (await Inventory.Search(Query() with { Destination = home }, Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);
        (await Inventory.Export(Query() with { Location = home }, 0, Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);
        // Waiting for a file that is not yet sent would name another branch's files: refused, not counted.
        (await Inventory.Search(Query() with { Destination = there, CirculationStage = CirculationStage.AwaitingDispatch }, Archive.Clerk(there)))
            .AssertRefused(Outcome.Forbidden);
        Assert.Equal(0, (await Inventory.Search(Query() with { Destination = there }, Archive.Clerk(there))).AssertSucceeded().Total);
        // The home branch sees its own requests to dispatch.
        var toSend = (await Inventory.Search(Query() with { Location = home, CirculationStage = CirculationStage.AwaitingDispatch }, Archive.Clerk(home)))
            .AssertSucceeded();
        Assert.Equal(there, Assert.Single(toSend.Items).Destination);
    }

    [SkippableFact]
    public async Task A_restricted_file_held_at_another_branch_is_listed_there_without_its_customer()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Restricted }, Archive.Archivist)).AssertSucceeded();
        var request = (await file.Request(new RequestFileCommand("reader.b", there, "Credit review", 7), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();

        var clerkSees = Assert.Single((await Inventory.Search(Query() with { Location = there }, Archive.Clerk(there))).AssertSucceeded().Items);
        Assert.Null(clerkSees.CustomerName);
        Assert.Equal(CirculationStage.AwaitingPickup, clerkSees.CirculationStage);
        Assert.Equal(request.PickupBranch, clerkSees.Location);
        // Its name does not find it for the clerk either (totals would tell a true prefix).
        Assert.Equal(0, (await Inventory.Search(Query() with { Location = there, Q = "上海" }, Archive.Clerk(there))).AssertSucceeded().Total);
        Assert.NotNull(Assert.Single((await Inventory.Search(Query() with { Location = there }, Archive.Archivist)).AssertSucceeded().Items).CustomerName);
    }

    private static InventoryQuery Query() => new(null, null, null, null, null, null, null, false);

    private async Task<List<long>> Numbers(InventoryQuery query, Actor actor) =>
        [.. (await Inventory.Search(query with { PageSize = InventoryQuery.MaxPageSize }, actor)).AssertSucceeded().Items.Select(i => i.FileNumber)];

    private async Task<BranchWhereabouts> Place(string branch, Actor actor) =>
        (await Inventory.Summary(actor)).AssertSucceeded().ByLocation.SingleOrDefault(p => p.Branch == branch)
        ?? new BranchWhereabouts(branch, 0, new Dictionary<string, long>(), 0);
}

[Collection(SqliteCluster.Name)]
public sealed class WhereaboutsTestsOnSqlite(SqliteClusterFixture fixture) : WhereaboutsTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class WhereaboutsTestsOnPostgres(PostgresClusterFixture fixture) : WhereaboutsTests(fixture);
