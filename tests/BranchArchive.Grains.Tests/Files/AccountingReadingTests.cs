using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Support;
using static BranchArchive.Grains.Tests.Support.CirculationSteps;

namespace BranchArchive.Grains.Tests.Files;

/// <summary>
/// Accounting files per the practice (issue 21 point 3): an internal reading (调阅, held as 现场查阅) waits for a
/// finance approver of the branch, a reading by an outside party for head office too, and the file
/// never leaves its branch. Wrong approvers are refused, audited, and change nothing.
/// </summary>
public abstract class AccountingReadingTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private static readonly FileDocument Vouchers = new(DocumentType.Accounting, "Vouchers 2025", 40, new DateOnly(2025, 12, 31));

    private async Task<(string Home, ICustomerFileGrain File)> AccountingFile(Sensitivity sensitivity = Sensitivity.Internal)
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = sensitivity, Documents = [.. Archive.NewFile(home).Documents!, Vouchers] },
            Archive.Archivist)).AssertSucceeded();
        return (home, file);
    }

    [SkippableFact]
    public async Task An_accounting_file_is_read_only_after_its_branchs_finance_approver_approves_and_wrong_approvers_change_nothing()
    {
        var (home, file) = await AccountingFile();
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var manager = Archive.Manager(home);

        await RefusedWithoutChange(file, () => file.OpenReading(new OpenReadingCommand("li.na", "Year-end check"), manager, null), Outcome.Conflict);
        var request = (await file.RequestReading(new RequestReadingCommand("li.na", "Year-end check"), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal((ReadingRequestStatus.Pending, true, false), (request.Status, request.NeedsFinanceApproval, request.NeedsHeadOfficeApproval));
        Assert.Contains(ApprovalKind.Reading, await Awaiting(file));
        await RefusedWithoutChange(file, () => file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), manager, null), Outcome.Conflict);

        // Wrong approvers: the requesting clerk, another clerk, the branch's own manager, head office (not finance), an auditor,
        // the finance approver signed in at another branch, and the reader named in the request.
        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, Archive.Clerk(home)), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, new Actor("wang.wu", StaffRoles.Clerk, home)), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, manager), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, Archive.Archivist), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, Archive.Auditor), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, Archive.Finance(other)), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.RefuseReading(request.RequestId, new RefuseRequestCommand("no"), manager), Outcome.Forbidden);
        var byReader = await file.RequestReading(new RequestReadingCommand(Archive.FinanceApprover, "Own check"), Archive.Clerk(home), null);
        await RefusedWithoutChange(file, () => file.ApproveReading(byReader.AssertSucceeded().RequestId, Archive.Finance(home)), Outcome.Forbidden);
        var denials = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: AuditActions.ApproveReading, Outcome: nameof(Outcome.Forbidden)), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(7, denials.Items.Count);

        var approved = (await file.ApproveReading(request.RequestId, Archive.Finance(home))).AssertSucceeded();
        Assert.Equal((ReadingRequestStatus.Approved, Archive.FinanceApprover), (approved.Status, approved.FinanceApproval!.By));
        var again = await View(file);
        Assert.Equal(again.Version, (await View(file)).Version);
        (await file.ApproveReading(request.RequestId, Archive.Finance(home))).AssertSucceeded(); // a repeat changes nothing
        Assert.Equal(again.Version, (await View(file)).Version);

        await RefusedWithoutChange(file, () => file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), Archive.Clerk(home), null), Outcome.Forbidden);
        var session = (await file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), manager, null)).AssertSucceeded();
        Assert.Equal(("li.na", request.RequestId), (session.Reader, session.RequestId));
        Assert.Contains(Archive.FinanceApprover, session.ApprovedBy);
        Assert.Equal(FileStatus.InReading, (await View(file)).Status);
        await RefusedWithoutChange(file, () => file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null), Outcome.Conflict);
        (await file.CloseReading(new CloseReadingCommand(session.SessionId, null), Archive.Clerk(home), null)).AssertSucceeded();
        await RefusedWithoutChange(file, () => file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), manager, null), Outcome.Conflict);

        var requests = (await file.GetReadingRequests(Archive.Clerk(home))).AssertSucceeded();
        Assert.Equal(ReadingRequestStatus.Opened, requests.Single(r => r.RequestId == request.RequestId).Status);
        var custody = (await file.GetCustody(Archive.Archivist)).AssertSucceeded().Select(e => e.Action).ToList();
        Assert.Equal([CustodyAction.ReadingClosed, CustodyAction.ReadingOpened, CustodyAction.ReadingApproved, CustodyAction.ReadingRequested, CustodyAction.ReadingRequested],
            custody);
    }

    [SkippableFact]
    public async Task An_outside_party_reads_on_an_official_letter_with_head_office_and_finance_approval_and_a_refusal_ends_the_request()
    {
        var (home, file) = await AccountingFile();
        var manager = Archive.Manager(home);
        (await file.RequestReading(new RequestReadingCommand("auditor.x", "Tax audit", "Tax bureau", null), Archive.Clerk(home), null))
            .AssertRefused(Outcome.Invalid);
        var request = (await file.RequestReading(new RequestReadingCommand("zhao.liu", "Tax audit 2025", "Shanghai tax bureau", "沪税函〔2026〕12号"),
            Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal((true, true), (request.NeedsFinanceApproval, request.NeedsHeadOfficeApproval));

        await RefusedWithoutChange(file, () => file.ApproveReading(request.RequestId, manager), Outcome.Forbidden);
        var headOffice = (await file.ApproveReading(request.RequestId, Archive.Archivist)).AssertSucceeded();
        Assert.Equal(ReadingRequestStatus.Pending, headOffice.Status);
        await RefusedWithoutChange(file, () => file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), manager, null), Outcome.Conflict);
        var version = (await View(file)).Version;
        (await file.ApproveReading(request.RequestId, Archive.Archivist)).AssertSucceeded(); // a repeat: still waits for finance
        Assert.Equal(version, (await View(file)).Version);
        var both = (await file.ApproveReading(request.RequestId, Archive.Finance(home))).AssertSucceeded();
        Assert.Equal(ReadingRequestStatus.Approved, both.Status);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = (await file.GetReadingRequests(Archive.Archivist)).AssertSucceeded().Single();
        Assert.Equal(both, stored); // stored with the file, read back after deactivation as answered
        var session = (await file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), manager, null)).AssertSucceeded();
        Assert.Equal("zhao.liu (Shanghai tax bureau)", session.Reader);

        // A plain (not accounting) file: an outside party needs head office alone; a refusal ends the request.
        var plain = await Archive.RegisterFile(Grains, home);
        var outside = (await plain.RequestReading(new RequestReadingCommand("zhao.liu", "Due diligence", "Bank of X", "BX-7"), Archive.Clerk(home), null))
            .AssertSucceeded();
        Assert.Equal((false, true), (outside.NeedsFinanceApproval, outside.NeedsHeadOfficeApproval));
        await RefusedWithoutChange(plain, () => plain.RefuseReading(outside.RequestId, new RefuseRequestCommand("No"), Archive.Finance(home)), Outcome.Forbidden);
        await RefusedWithoutChange(plain, () => plain.RefuseReading(outside.RequestId, new RefuseRequestCommand(" "), Archive.Archivist), Outcome.Invalid);
        var refused = (await plain.RefuseReading(outside.RequestId, new RefuseRequestCommand("The letter names another customer"), Archive.Archivist)).AssertSucceeded();
        Assert.Equal((ReadingRequestStatus.Refused, "The letter names another customer"), (refused.Status, refused.Refusal!.Note));
        Assert.Empty(await Awaiting(plain));
        await RefusedWithoutChange(plain, () => plain.ApproveReading(outside.RequestId, Archive.Archivist with { Subject = "other.archivist" }), Outcome.Conflict);
        await RefusedWithoutChange(plain, () => plain.OpenReading(new OpenReadingCommand(null, null, outside.RequestId), manager, null), Outcome.Conflict);

        // Staff reading a plain file need no request: a manager opens it directly, as before.
        await RefusedWithoutChange(plain, () => plain.RequestReading(new RequestReadingCommand("li.na", "Check"), Archive.Clerk(home), null), Outcome.Conflict);
        (await plain.OpenReading(new OpenReadingCommand("li.na", "Check"), manager, null)).AssertSucceeded();
    }

    [SkippableFact]
    public async Task An_accounting_file_is_not_lent_requested_across_branches_or_read_by_another_branch()
    {
        var (home, file) = await AccountingFile();
        var other = await Archive.OpenBranchWithCabinet(Grains);

        await RefusedWithoutChange(file, () => file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.Request(new RequestFileCommand("li.si", other, "Audit", 7), Archive.Clerk(other), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.RequestReading(new RequestReadingCommand("li.si", "Audit"), Archive.Clerk(other), null), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.Dispatch(new DispatchCommand("EMS-9"), Archive.Clerk(home), null), Outcome.Conflict);
        (await file.GetReadingRequests(Archive.Clerk(other))).AssertRefused(Outcome.Forbidden);
    }

    private static async Task<IReadOnlySet<ApprovalKind>> Awaiting(ICustomerFileGrain file) =>
        ApprovalQueueOf(await file.GetReadingRequests(Archive.Archivist), null);

    /// <summary>The approval queue's reading line, from what the file answers (the state itself is the grain's).</summary>
    internal static IReadOnlySet<ApprovalKind> ApprovalQueueOf(ArchiveResult<IReadOnlyList<ReadingRequest>>? readings, ArchiveResult<IReadOnlyList<CopyRequest>>? copies)
    {
        var state = new CustomerFileState();
        state.ReadingRequests.AddRange(readings?.AssertSucceeded() ?? []);
        state.CopyRequests.AddRange(copies?.AssertSucceeded() ?? []);
        return ApprovalQueue.Of(state);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class AccountingReadingTestsOnSqlite(SqliteClusterFixture fixture) : AccountingReadingTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class AccountingReadingTestsOnPostgres(PostgresClusterFixture fixture) : AccountingReadingTests(fixture);

/// <summary>Who is a finance approver of a branch, as <c>Accounting:FinanceApprovers</c> names them.</summary>
public sealed class FinanceApproverRuleTests
{
    private static readonly AccountingOptions Options = new()
    {
        FinanceApprovers = new() { ["SH01"] = ["chen.kuaiji"], [AccountingOptions.EveryBranch] = ["group.cfo"] },
    };

    [Theory]
    [InlineData("chen.kuaiji", StaffRoles.Clerk, "SH01", true)]
    [InlineData("chen.kuaiji", StaffRoles.Manager, "SH01", true)]
    [InlineData("chen.kuaiji", StaffRoles.Clerk, "BJ01", false)] // named for SH01, signed in at another branch
    [InlineData("chen.kuaiji", StaffRoles.Auditor, null, false)] // an auditor only reads
    [InlineData("group.cfo", StaffRoles.Archivist, null, true)] // every branch's, as head office
    [InlineData("manager.sh01", StaffRoles.Manager, "SH01", false)] // a manager is not a finance approver by role
    [InlineData("head.archivist", StaffRoles.Archivist, null, false)]
    public void A_finance_approver_is_named_for_the_branch_and_acts_in_it(string subject, StaffRoles roles, string? branch, bool approves) =>
        Assert.Equal(approves, AccountingRules.IsFinanceApprover(new Actor(subject, roles, branch), "SH01", Options));
}
