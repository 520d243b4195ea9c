using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Files;

/// <summary>A damaged or incomplete return takes the file out of circulation until it is repaired; missing documents stay listed until supplied.</summary>
public abstract class RepairTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task An_incomplete_return_lists_the_missing_documents_and_a_repair_puts_the_file_back_on_its_shelf()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);
        var loan = (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();

        var returned = (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Incomplete, "ID copy and licence gone",
            ["ID copy", "Business licence"]), clerk, null)).AssertSucceeded();
        Assert.Equal(FileStatus.Damaged, returned.Status);
        Assert.Equal(["ID copy", "Business licence"], returned.MissingDocuments.Select(m => m.Title));
        Assert.All(returned.MissingDocuments, m => Assert.Equal(loan.LoanId, m.LoanId));

        var inRepair = (await file.StartRepair(new StartRepairCommand("Re-make the missing copies"), clerk)).AssertSucceeded();
        Assert.Equal(FileStatus.InRepair, inRepair.Status);
        (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertRefused(Outcome.Conflict);
        (await file.StartRepair(new StartRepairCommand("again"), clerk)).AssertRefused(Outcome.Conflict);

        var repairId = inRepair.Repair!.RepairId;
        var back = (await file.CompleteRepair(repairId, new CompleteRepairCommand("Copies re-made from the branch's scans"), clerk)).AssertSucceeded();
        var repeat = (await file.CompleteRepair(repairId, new CompleteRepairCommand("Copies re-made from the branch's scans"), clerk)).AssertSucceeded();
        Assert.Equal((FileStatus.OnShelf, (Repair?)null), (back.Status, back.Repair));
        Assert.Equal(back.Version, repeat.Version);
        var history = Assert.Single((await file.GetRepairs(clerk)).AssertSucceeded());
        Assert.Equal((repairId, clerk.Subject, "Re-make the missing copies"), (history.RepairId, history.CompletedBy, history.Damage));

        var supplied = (await file.SupplyDocuments(new SupplyDocumentsCommand(["id copy"]), clerk)).AssertSucceeded();
        Assert.Equal("Business licence", Assert.Single(supplied.MissingDocuments).Title);
        (await file.SupplyDocuments(new SupplyDocumentsCommand(["Annual report"]), clerk)).AssertRefused(Outcome.Conflict);
        (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
    }

    [SkippableFact]
    public async Task Only_the_files_branch_repairs_it_and_an_intact_file_does_not_go_to_repair()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);

        (await file.StartRepair(new StartRepairCommand("Nothing wrong"), clerk)).AssertRefused(Outcome.Conflict);
        var loan = (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null, ["ID copy"]), clerk, null)).AssertRefused(Outcome.Invalid);
        (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Damaged, "water damage"), clerk, null)).AssertSucceeded();
        (await file.StartRepair(new StartRepairCommand("Dry and re-bind"), Archive.Clerk(other))).AssertRefused(Outcome.Forbidden);
        (await file.StartRepair(new StartRepairCommand(""), clerk)).AssertRefused(Outcome.Invalid);

        Assert.Equal(FileStatus.Damaged, (await file.Get(clerk)).AssertSucceeded().Status);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class RepairTestsOnSqlite(SqliteClusterFixture fixture) : RepairTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class RepairTestsOnPostgres(PostgresClusterFixture fixture) : RepairTests(fixture);
