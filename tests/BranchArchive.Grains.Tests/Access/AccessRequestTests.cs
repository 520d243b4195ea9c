using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Access;

/// <summary>
/// Purpose-bound access (issue 21, point 2): staff not shown a file in full ask to read it with a
/// reason; a manager of its branch or head office approves it for some hours or refuses it; an
/// emergency grants at once and waits for a review. Each test moves only its own clock.
/// </summary>
public abstract class AccessRequestTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    private const string IdNumber = "310101199001011234";

    private async Task<(ICustomerFileGrain File, string Branch)> RestrictedFile()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(branch) with
        {
            Sensitivity = Sensitivity.Restricted,
            Customer = new Customer("王某某", CustomerType.Individual, IdNumber, null, "Shanghai"),
        }, Archive.Archivist)).AssertSucceeded();
        return (file, branch);
    }

    private async Task<IReadOnlyList<InventoryItem>> Queue(string branch, Actor approver) =>
        (await Grains.GetGrain<IInventoryGrain>(0).Search(new InventoryQuery(branch, null, null, null, null, null, null, false,
            Awaiting: ApprovalKind.Access), approver)).AssertSucceeded().Items;

    private async Task<long> Denials(ICustomerFileGrain file, string action) =>
        (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: action, Outcome: nameof(Outcome.Forbidden)), Archive.Archivist)).AssertSucceeded().Total;

    [SkippableFact]
    public async Task A_clerk_asks_a_manager_approves_and_the_clerk_reads_the_customer_masked_until_the_grant_ends()
    {
        var (file, branch) = await RestrictedFile();
        var clerk = Archive.Clerk(branch);
        Assert.Null((await file.Get(clerk)).AssertSucceeded().Customer.Name);

        var asked = (await file.RequestAccess(new RequestAccessCommand("  Customer complaint 2026-118  ", 3), clerk, null)).AssertSucceeded();
        Assert.Equal((AccessRequestStatus.Pending, "Customer complaint 2026-118", 3, clerk.Subject), (asked.Status, asked.Reason, asked.Hours, asked.Requester));
        Assert.Null((await file.Get(clerk)).AssertSucceeded().Customer.Name); // nothing until approved
        var waiting = Assert.Single(await Queue(branch, Manager(branch)));
        Assert.Equal([ApprovalKind.Access], waiting.AwaitingApproval);
        Assert.Null(waiting.ApprovalDueAt);

        var approved = (await file.ApproveAccess(asked.RequestId, new ApproveAccessCommand(2, "Read the contract only"), Manager(branch))).AssertSucceeded();
        Assert.Equal((AccessRequestStatus.Granted, Manager(branch).Subject), (approved.Status, approved.DecidedBy));
        var read = (await file.Get(clerk)).AssertSucceeded();
        Assert.Equal(("王某某", "310***********1234"), (read.Customer.Name, read.Customer.IdNumber)); // identity numbers stay masked
        Assert.Empty(await Queue(branch, Manager(branch)));
        var repeat = (await file.ApproveAccess(asked.RequestId, new ApproveAccessCommand(2, null), Manager(branch))).AssertSucceeded();
        Assert.Equal(approved.GrantedUntil, repeat.GrantedUntil);

        MovedClock.AdvanceThisTest(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Null((await file.Get(clerk)).AssertSucceeded().Customer.Name); // the grant ran out at the read, no timer
        Assert.Equal(AccessRequestStatus.Expired, Assert.Single((await file.GetAccessRequests(clerk)).AssertSucceeded()).Status);

        var custody = (await file.GetCustody(Archive.Archivist)).AssertSucceeded();
        Assert.Equal([CustodyAction.AccessGranted, CustodyAction.AccessRequested], custody.Take(2).Select(c => c.Action));
        foreach (var action in new[] { AuditActions.RequestAccess, AuditActions.ApproveAccess })
        {
            var entry = Assert.Single((await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
                Action: action), Archive.Archivist)).AssertSucceeded().Items);
            Assert.DoesNotContain("王某某", entry.Detail);
        }
    }

    [SkippableFact]
    public async Task Staff_of_another_branch_see_nothing_but_their_request_until_approved_then_read_and_change_nothing()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var elsewhere = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch); // Confidential: answered as a Restricted file would be
        var stranger = Archive.Clerk(elsewhere);
        (await file.Get(stranger)).AssertRefused(Outcome.Forbidden);

        var asked = (await file.RequestAccess(new RequestAccessCommand("Guarantee check for a loan at our branch", null), stranger, "key-1")).AssertSucceeded();
        Assert.Equal((AccessRequestStatus.Pending, 4, elsewhere), (asked.Status, asked.Hours, asked.RequesterBranch)); // Access:DefaultGrant
        Assert.Equal(asked.RequestId, (await file.RequestAccess(new RequestAccessCommand("Guarantee check for a loan at our branch", null), stranger, "key-1"))
            .AssertSucceeded().RequestId);
        (await file.RequestAccess(new RequestAccessCommand("Again", null), stranger, null)).AssertRefused(Outcome.Conflict);
        (await file.Get(stranger)).AssertRefused(Outcome.Forbidden);
        (await file.GetCustody(stranger)).AssertRefused(Outcome.Forbidden);
        Assert.Equal([asked.RequestId], (await file.GetAccessRequests(stranger)).AssertSucceeded().Select(r => r.RequestId));

        (await file.ApproveAccess(asked.RequestId, new ApproveAccessCommand(null, null), Archive.Archivist)).AssertSucceeded();
        var read = (await file.Get(stranger)).AssertSucceeded();
        Assert.Equal(("上海某某机械设备制造厂", "913*********XXXX"), (read.Customer.Name, read.Customer.IdNumber));
        Assert.NotEmpty((await file.GetCustody(stranger)).AssertSucceeded());
        var version = read.Version;
        (await file.CheckOut(Archive.Checkout(), stranger, null)).AssertRefused(Outcome.Forbidden); // reads only
        (await file.OpenReading(new OpenReadingCommand("x", "y"), stranger, null)).AssertRefused(Outcome.Forbidden);

        var withdrawn = (await file.WithdrawAccess(asked.RequestId, new DecideAccessCommand("Done"), stranger)).AssertSucceeded();
        Assert.Equal(AccessRequestStatus.Withdrawn, withdrawn.Status);
        (await file.Get(stranger)).AssertRefused(Outcome.Forbidden);
        Assert.Equal(version + 1, (await file.Get(Archive.Archivist)).AssertSucceeded().Version);
        (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).RequestAccess(new RequestAccessCommand("Any", null), stranger, null))
            .AssertRefused(Outcome.NotFound);
    }

    [SkippableFact]
    public async Task Approvals_by_the_wrong_person_are_refused_audited_and_change_nothing()
    {
        var (file, branch) = await RestrictedFile();
        var elsewhere = await Archive.OpenBranchWithCabinet(Grains);
        // Asked as a manager of another branch, by someone later made an archivist: they may not approve it themselves.
        var asker = Manager(elsewhere);
        var asked = (await file.RequestAccess(new RequestAccessCommand("Merger due diligence", 8), asker, null)).AssertSucceeded();
        var before = (await file.Get(Archive.Archivist)).AssertSucceeded().Version;

        var wrong = new[]
        {
            Archive.Clerk(branch), Manager(elsewhere) with { Subject = "manager.other" }, Archive.Auditor,
            new Actor(asker.Subject, StaffRoles.Archivist, null),
        };
        foreach (var actor in wrong)
        {
            (await file.ApproveAccess(asked.RequestId, new ApproveAccessCommand(null, null), actor)).AssertRefused(Outcome.Forbidden);
            (await file.RefuseAccess(asked.RequestId, new DecideAccessCommand("No"), actor)).AssertRefused(Outcome.Forbidden);
        }
        (await file.WithdrawAccess(asked.RequestId, new DecideAccessCommand(null), Manager(branch))).AssertRefused(Outcome.Forbidden);

        Assert.Equal(before, (await file.Get(Archive.Archivist)).AssertSucceeded().Version);
        Assert.Equal(AccessRequestStatus.Pending, Assert.Single((await file.GetAccessRequests(Manager(branch))).AssertSucceeded()).Status);
        (await file.Get(asker)).AssertRefused(Outcome.Forbidden);
        Assert.Equal(wrong.Length, await Denials(file, AuditActions.ApproveAccess));
        Assert.Equal(wrong.Length, await Denials(file, AuditActions.RefuseAccess));
        Assert.Equal(1, await Denials(file, AuditActions.WithdrawAccess));
    }

    [SkippableFact]
    public async Task Bad_requests_and_refusals_change_nothing_and_a_refused_request_stays_refused()
    {
        var (file, branch) = await RestrictedFile();
        var clerk = Archive.Clerk(branch);
        var version = (await file.Get(Archive.Archivist)).AssertSucceeded().Version;
        (await file.RequestAccess(new RequestAccessCommand(" ", 2), clerk, null)).AssertRefused(Outcome.Invalid);
        (await file.RequestAccess(new RequestAccessCommand("Why", 0), clerk, null)).AssertRefused(Outcome.Invalid);
        (await file.RequestAccess(new RequestAccessCommand("Why", 9), clerk, null)).AssertRefused(Outcome.Invalid); // over Access:MaxGrant (8 h)
        (await file.RequestAccess(new RequestAccessCommand("Why", 2), Manager(branch), null)).AssertRefused(Outcome.Conflict); // shown already
        (await file.RequestAccess(new RequestAccessCommand("Why", 2), Archive.Archivist, null)).AssertRefused(Outcome.Forbidden);
        Assert.Equal(version, (await file.Get(Archive.Archivist)).AssertSucceeded().Version);
        Assert.Empty((await file.GetAccessRequests(Archive.Archivist)).AssertSucceeded());

        var asked = (await file.RequestAccess(new RequestAccessCommand("Why", 2), clerk, null)).AssertSucceeded();
        (await file.RefuseAccess(asked.RequestId, new DecideAccessCommand(" "), Manager(branch))).AssertRefused(Outcome.Invalid);
        var refused = (await file.RefuseAccess(asked.RequestId, new DecideAccessCommand("Not needed for a complaint"), Manager(branch))).AssertSucceeded();
        Assert.Equal((AccessRequestStatus.Refused, "Not needed for a complaint"), (refused.Status, refused.DecisionNote));
        (await file.ApproveAccess(asked.RequestId, new ApproveAccessCommand(null, null), Archive.Archivist)).AssertRefused(Outcome.Conflict);
        (await file.ApproveAccess(Guid.NewGuid().ToString("D"), new ApproveAccessCommand(null, null), Archive.Archivist)).AssertRefused(Outcome.NotFound);
        (await file.WithdrawAccess(asked.RequestId, new DecideAccessCommand(null), clerk)).AssertRefused(Outcome.Conflict);
        Assert.Null((await file.Get(clerk)).AssertSucceeded().Customer.Name);
        Assert.Empty(await Queue(branch, Manager(branch)));
    }

    [SkippableFact]
    public async Task An_emergency_grants_at_once_is_overdue_on_the_queue_past_its_review_deadline_and_a_review_can_revoke_it()
    {
        var (file, branch) = await RestrictedFile();
        var elsewhere = await Archive.OpenBranchWithCabinet(Grains);
        var stranger = Archive.Clerk(elsewhere);
        (await file.EmergencyAccess(new RequestAccessCommand(" ", null), stranger, null)).AssertRefused(Outcome.Invalid); // a reason is required

        var granted = (await file.EmergencyAccess(new RequestAccessCommand("Customer at the counter, police request", null), stranger, null)).AssertSucceeded();
        Assert.Equal((AccessRequestStatus.Granted, true, granted.RequestedAt.AddHours(2), granted.RequestedAt.AddHours(24)),
            (granted.Status, granted.Emergency, granted.GrantedUntil!.Value, granted.ReviewDueAt!.Value));
        Assert.Equal("王某某", (await file.Get(stranger)).AssertSucceeded().Customer.Name);
        var waiting = Assert.Single(await Queue(branch, Archive.Archivist));
        Assert.Equal(granted.ReviewDueAt, waiting.ApprovalDueAt);
        Assert.Equal(CustodyAction.AccessGrantedInEmergency, (await file.GetCustody(Archive.Archivist)).AssertSucceeded()[0].Action);
        var notice = Assert.Single((await Grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(branch, Kinds: [NoticeKind.AccessAwaitingReview]),
            Manager(branch))).AssertSucceeded().Items);
        Assert.Equal((granted.RequestId, granted.ReviewDueAt!.Value, file.GetPrimaryKeyString()), (notice.RequestId, notice.DueAt, notice.FileId));

        MovedClock.AdvanceThisTest(TimeSpan.FromHours(25));
        (await file.Get(stranger)).AssertRefused(Outcome.Forbidden); // the grant ran out after 2 hours
        var overdue = Assert.Single((await file.GetAccessRequests(Manager(branch))).AssertSucceeded());
        Assert.Equal((AccessRequestStatus.Expired, true), (overdue.Status, overdue.ReviewOverdue));
        (await file.ReviewAccess(granted.RequestId, new ReviewAccessCommand("Fine"), Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
        (await file.ReviewAccess(granted.RequestId, new ReviewAccessCommand(""), Manager(branch))).AssertRefused(Outcome.Invalid);

        var reviewed = (await file.ReviewAccess(granted.RequestId, new ReviewAccessCommand("Police letter seen"), Manager(branch))).AssertSucceeded();
        Assert.Equal((Manager(branch).Subject, false), (reviewed.ReviewedBy, reviewed.ReviewOverdue));
        Assert.Empty(await Queue(branch, Archive.Archivist));
        (await file.ReviewAccess(granted.RequestId, new ReviewAccessCommand("Again"), Archive.Archivist)).AssertRefused(Outcome.Conflict);

        // Another emergency, revoked at its review while it runs.
        var second = (await file.EmergencyAccess(new RequestAccessCommand("Again at the counter", null), stranger, null)).AssertSucceeded();
        Assert.NotNull((await file.Get(stranger)).AssertSucceeded().Customer.Name);
        var revoked = (await file.ReviewAccess(second.RequestId, new ReviewAccessCommand("No emergency", Revoke: true), Archive.Archivist)).AssertSucceeded();
        Assert.Equal(AccessRequestStatus.Revoked, revoked.Status);
        (await file.Get(stranger)).AssertRefused(Outcome.Forbidden);
        Assert.Equal(1, await Denials(file, AuditActions.ReviewAccess));
    }
}

[Collection(SqliteCluster.Name)]
public sealed class AccessRequestTestsOnSqlite(SqliteClusterFixture fixture) : AccessRequestTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class AccessRequestTestsOnPostgres(PostgresClusterFixture fixture) : AccessRequestTests(fixture);
