using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Retention;
using BranchArchive.Contracts.Scans;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Files;

/// <summary>
/// Every public change of a file passes one admission, in one order: exists, (validation), role and
/// branch, destroyed, (a repeat), the inspection lock. Each change below is driven, with a
/// well-formed command, against a file that does not exist, a wrong-branch caller, a destroyed file
/// and a file under inspection, and must answer the one outcome its row names.
/// </summary>
public abstract class AdmissionTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private const string Locked = "locked by inspection";

    /// <summary>The branches a row's command names: the file's home and another.</summary>
    private sealed record Where(string Home, string Other);

    /// <summary>
    /// One public change: its call with a well-formed command, whether an inspection holds it, and
    /// what it answers a wrong-branch caller and on a destroyed file (a 409 unless said otherwise).
    /// An access request is asked by its own manager of another branch (it is asked by those not shown the file).
    /// </summary>
    private sealed record Row(string Name, Func<ICustomerFileGrain, Actor, Where, Task<(Outcome, string?)>> Call, bool HeldByInspection,
        Outcome WrongBranch = Outcome.Forbidden, Outcome Destroyed = Outcome.Conflict, bool AskedByOther = false);

    private static async Task<(Outcome, string?)> Of<T>(Task<ArchiveResult<T>> call)
    {
        var result = await call;
        return (result.Outcome, result.Detail);
    }

    private static string Unknown => Guid.NewGuid().ToString("D");

    private static readonly string Digest = new('a', 64);

    private static readonly Row[] Changes =
    [
        new("CheckOut", (f, a, _) => Of(f.CheckOut(Archive.Checkout(), a, null)), true),
        new("Return", (f, a, _) => Of(f.Return(new ReturnCommand(Unknown, ReturnCondition.Intact, null), a, null)), true),
        new("Request", (f, a, w) => Of(f.Request(new RequestFileCommand("zhang.san", w.Home, "Audit", 7), a, null)), true),
        new("CancelRequest", (f, a, _) => Of(f.CancelRequest(Unknown, a)), true, WrongBranch: Outcome.NotFound),
        new("Dispatch", (f, a, _) => Of(f.Dispatch(new DispatchCommand("COURIER-1"), a, null)), true),
        new("Receive", (f, a, _) => Of(f.Receive(new ReceiveCommand(null), a, null)), true),
        new("Pickup", (f, a, _) => Of(f.Pickup(new PickupCommand(Unknown), a, null)), true),
        new("Renew", (f, a, _) => Of(f.Renew(new RenewCommand(Unknown, 7), a, null)), false),
        new("CancelTransit", (f, a, _) => Of(f.CancelTransit(new CancelTransitCommand("Sent by mistake"), a, null)), true),
        new("Relocate", (f, a, w) => Of(f.Relocate(new RelocateCommand(w.Home, "C01", "Tidy up"), a)), true),
        new("OpenReading", (f, a, _) => Of(f.OpenReading(new OpenReadingCommand("li.si", "Audit"), a, null)), true),
        new("CloseReading", (f, a, _) => Of(f.CloseReading(new CloseReadingCommand(Unknown, null), a, null)), true),
        new("RequestReading", (f, a, _) => Of(f.RequestReading(new RequestReadingCommand("li.si", "Audit"), a, null)), true),
        new("ApproveReading", (f, a, _) => Of(f.ApproveReading(Unknown, a)), false),
        new("RefuseReading", (f, a, _) => Of(f.RefuseReading(Unknown, new RefuseRequestCommand("No"), a)), false),
        new("RequestCopy", (f, a, _) => Of(f.RequestCopy(new RequestCopyCommand(CopyKind.Photocopy, [new CopyPart(0)], 1, "Audit"), a, null)), true),
        new("ApproveCopy", (f, a, _) => Of(f.ApproveCopy(Unknown, a)), false),
        new("RefuseCopy", (f, a, _) => Of(f.RefuseCopy(Unknown, new RefuseRequestCommand("No"), a)), false),
        new("MarkCopyMade", (f, a, _) => Of(f.MarkCopyMade(Unknown, new MarkCopyMadeCommand(), a)), true),
        new("DeclareMissing", (f, a, _) => Of(f.DeclareMissing(new DeclareMissingCommand("Not on its shelf"), a)), true),
        new("Found", (f, a, _) => Of(f.Found(new FoundCommand(null), a)), true),
        new("Reclassify", (f, a, _) => Of(f.Reclassify(new ReclassifyCommand("Review", Importance: Importance.Potential), a)), false),
        new("StartRepair", (f, a, _) => Of(f.StartRepair(new StartRepairCommand("Torn cover"), a)), true),
        new("CompleteRepair", (f, a, _) => Of(f.CompleteRepair(Unknown, new CompleteRepairCommand("Rebound"), a)), true),
        new("SupplyDocuments", (f, a, _) => Of(f.SupplyDocuments(new SupplyDocumentsCommand(["Framework contract"]), a)), true),
        new("PlaceLegalHold", (f, a, _) => Of(f.PlaceLegalHold(new PlaceLegalHoldCommand("Court order"), a)), false),
        new("LiftLegalHold", (f, a, _) => Of(f.LiftLegalHold(a)), false),
        new("RequestDestruction", (f, a, _) => Of(f.RequestDestruction(new RequestDestructionCommand("Past retention"), a)), true),
        new("ApproveDestruction", (f, a, _) => Of(f.ApproveDestruction(new ApproveDestructionCommand(Unknown, DestructionApprover.Archivist), a)), false),
        new("Destroy", (f, a, _) => Of(f.Destroy(new DestroyFileCommand(Unknown, ["li.na", "chen.jie"], null), a)), true),
        new("MayAttachScan", (f, a, _) => Of(f.MayAttachScan(0, a)), false),
        new("AttachScan", (f, a, _) => Of(f.AttachScan(new AttachScanCommand(0, Digest, 10, ScanMediaTypes.Pdf, null), a)), false),
        new("RequestAccess", (f, a, _) => Of(f.RequestAccess(new RequestAccessCommand("Customer complaint", 2), a, null)), false,
            WrongBranch: Outcome.Created, Destroyed: Outcome.Created, AskedByOther: true),
        new("EmergencyAccess", (f, a, _) => Of(f.EmergencyAccess(new RequestAccessCommand("Customer at the counter", null), a, null)), false,
            WrongBranch: Outcome.Created, Destroyed: Outcome.Created, AskedByOther: true),
        new("ApproveAccess", (f, a, _) => Of(f.ApproveAccess(Unknown, new ApproveAccessCommand(null, null), a)), false, Destroyed: Outcome.NotFound),
        new("RefuseAccess", (f, a, _) => Of(f.RefuseAccess(Unknown, new DecideAccessCommand("No"), a)), false, Destroyed: Outcome.NotFound),
        new("WithdrawAccess", (f, a, _) => Of(f.WithdrawAccess(Unknown, new DecideAccessCommand(null), a)), false,
            WrongBranch: Outcome.NotFound, Destroyed: Outcome.NotFound),
        new("ReviewAccess", (f, a, _) => Of(f.ReviewAccess(Unknown, new ReviewAccessCommand("Seen"), a)), false, Destroyed: Outcome.NotFound),
    ];

    [SkippableFact]
    public async Task Every_change_to_a_file_that_does_not_exist_is_a_404()
    {
        var where = new Where(await Archive.OpenBranchWithCabinet(Grains), Archive.NewBranchCode());
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());

        await AssertEach(file, where, Archive.Archivist, _ => (Outcome.NotFound, false));
    }

    [SkippableFact]
    public async Task Every_change_by_a_caller_of_another_branch_is_refused_and_each_denial_is_audited()
    {
        var where = new Where(await Archive.OpenBranchWithCabinet(Grains), await Archive.OpenBranchWithCabinet(Grains));
        var file = await Archive.RegisterFile(Grains, where.Home);

        await AssertEach(file, where, Archive.Manager(where.Other), row => (row.WrongBranch, false));

        var denials = (await Grains.GetGrain<IAuditGrain>(0).Query(
            new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null, PageSize: 100, Outcome: nameof(Outcome.Forbidden)), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(Changes.Count(row => row.WrongBranch == Outcome.Forbidden), denials.Items.Count);
    }

    [SkippableFact]
    public async Task Every_change_to_a_destroyed_file_is_a_409_but_access_requests_which_outlive_the_paper()
    {
        var where = new Where(await Archive.OpenBranchWithCabinet(Grains), await Archive.OpenBranchWithCabinet(Grains));
        var file = await DestroyedFile(where.Home);

        await AssertEach(file, where, Archive.Archivist, row => (row.Destroyed, false));
    }

    [SkippableFact]
    public async Task A_file_under_inspection_refuses_every_change_that_takes_it_in_hand_and_lets_the_others_through()
    {
        var where = new Where(await Archive.OpenBranchWithCabinet(Grains), await Archive.OpenBranchWithCabinet(Grains));
        var file = await Archive.RegisterFile(Grains, where.Home);
        var inspection = Guid.NewGuid().ToString("D");
        Assert.NotNull(await Grains.GetGrain<ICustomerFileInternal>(file.GetPrimaryKeyString()).BeginInspection(inspection, where.Home, "C01", Archive.Archivist));

        var mismatches = new List<string>();
        foreach (var row in Changes)
        {
            var (outcome, detail) = await row.Call(file, row.AskedByOther ? Asker(where, row) : Archive.Archivist, where);
            var locked = outcome == Outcome.Conflict && detail?.Contains(Locked, StringComparison.Ordinal) == true;
            if (locked != row.HeldByInspection)
            {
                mismatches.Add($"{row.Name}: {(row.HeldByInspection ? "expected the lock's 409" : "held by the lock")}, got {outcome}: {detail}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));

        await Grains.GetGrain<ICustomerFileInternal>(file.GetPrimaryKeyString()).EndInspection(inspection, Contracts.Inspections.InspectionFinding.Found, Archive.Archivist);
        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(where.Home), null)).AssertSucceeded();
    }

    /// <summary>Drives every row and lists each that did not answer its expected outcome (and lock, or not).</summary>
    private static async Task AssertEach(ICustomerFileGrain file, Where where, Actor actor, Func<Row, (Outcome Outcome, bool Locked)> expected)
    {
        var mismatches = new List<string>();
        foreach (var row in Changes)
        {
            var (outcome, detail) = await row.Call(file, row.AskedByOther ? Asker(where, row) : actor, where);
            if (outcome != expected(row).Outcome || detail?.Contains(Locked, StringComparison.Ordinal) == true)
            {
                mismatches.Add($"{row.Name}: expected {expected(row).Outcome}, got {outcome}: {detail}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>A manager of the other branch, one per row, so one row's open request does not refuse the next.</summary>
    private static Actor Asker(Where where, Row row) => new($"manager.{row.Name.ToLowerInvariant()}.{where.Other.ToLowerInvariant()}", StaffRoles.Manager, where.Other);

    /// <summary>A file whose customer left 20 years ago (past every retention), destroyed by the rules.</summary>
    private async Task<ICustomerFileGrain> DestroyedFile(string branch)
    {
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        var left = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-20);
        (await file.Register(Archive.NewFile(branch) with { Stage = CooperationStage.Terminated, RelationshipEndedOn = left }, Archive.Archivist)).AssertSucceeded();
        var manager = Archive.Manager(branch);
        var request = (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Manager), manager)).AssertSucceeded();
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Archivist), Archive.Archivist)).AssertSucceeded();
        Assert.Equal(FileStatus.Destroyed,
            (await file.Destroy(new DestroyFileCommand(request.RequestId, ["li.na", "chen.jie"], "shredded"), manager)).AssertSucceeded().Status);
        return file;
    }
}

[Collection(SqliteCluster.Name)]
public sealed class AdmissionTestsOnSqlite(SqliteClusterFixture fixture) : AdmissionTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class AdmissionTestsOnPostgres(PostgresClusterFixture fixture) : AdmissionTests(fixture);
