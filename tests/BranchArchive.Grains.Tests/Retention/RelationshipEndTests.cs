using System.Text;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Retention;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Tests.Imports;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Retention;

/// <summary>
/// Retention counts from when the customer relationship ended, as staff record it: at registration,
/// in an import row, or when a manager re-classifies to Terminated (or corrects the day later).
/// Only the files' own clock is read; it is never moved here.
/// </summary>
public abstract class RelationshipEndTests(ClusterFixture fixture)
{
    private static readonly DateOnly LeftIn2015 = new(2015, 6, 30);

    private IClusterClient Grains => fixture.Client;

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    [SkippableFact]
    public async Task A_customer_who_left_in_2015_and_is_filed_today_is_due_from_2015_not_kept_until_years_from_now()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var manager = Manager(branch);
        var now = fixture.Archive.Clock.GetUtcNow();

        var leftLongAgo = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        var filed = (await leftLongAgo.Register(Archive.NewFile(branch) with { Stage = CooperationStage.Terminated, RelationshipEndedOn = LeftIn2015 },
            Archive.Archivist)).AssertSucceeded();
        var leftToday = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        var today = (await leftToday.Register(Archive.NewFile(branch) with { Stage = CooperationStage.Terminated }, Archive.Archivist)).AssertSucceeded();

        Assert.Equal(new DateTimeOffset(2015, 6, 30, 0, 0, 0, TimeSpan.Zero), filed.RelationshipEndedAt);
        Assert.Equal(now, today.RelationshipEndedAt);
        // A file with a contract is kept 10 years after the relationship ends (the default rules).
        var due = Assert.Single((await Grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, manager)).AssertSucceeded());
        Assert.Equal((filed.Id, new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.Zero)), (due.FileId, due.RetainUntil));
        (await leftLongAgo.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();
        var kept = await leftToday.RequestDestruction(new RequestDestructionCommand("Past retention"), manager);
        kept.AssertRefused(Outcome.Conflict);
        Assert.Contains($"must be kept until {now.AddYears(10):yyyy-MM-dd}", kept.Detail);
    }

    [SkippableFact]
    public async Task A_manager_terminating_a_customer_names_the_day_it_ended_and_may_correct_it_with_history_audit_and_catalogue_following()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var manager = Manager(branch);
        var file = await Archive.RegisterFile(Grains, branch);
        var id = file.GetPrimaryKeyString();

        var ended = (await file.Reclassify(new ReclassifyCommand("Contract ended in 2015; paper file filed late",
            Stage: CooperationStage.Terminated, RelationshipEndedOn: LeftIn2015), manager)).AssertSucceeded();
        var corrected = (await file.Reclassify(new ReclassifyCommand("The termination letter is dated January 2016",
            RelationshipEndedOn: new DateOnly(2016, 1, 31)), manager)).AssertSucceeded();
        var repeated = (await file.Reclassify(new ReclassifyCommand("Same again", RelationshipEndedOn: new DateOnly(2016, 1, 31)), manager)).AssertSucceeded();

        Assert.Equal(new DateTimeOffset(2015, 6, 30, 0, 0, 0, TimeSpan.Zero), ended.RelationshipEndedAt);
        Assert.Equal(new DateTimeOffset(2016, 1, 31, 0, 0, 0, TimeSpan.Zero), corrected.RelationshipEndedAt);
        Assert.Equal(corrected.Version, repeated.Version); // nothing to change: nothing stored
        var history = (await file.GetClassificationHistory(manager)).AssertSucceeded();
        Assert.Equal([new ClassChange(RelationshipEnd.Field, "2015-06-30", "2016-01-31")], history[0].Changes);
        Assert.Equal([new ClassChange(RelationshipEnd.Field, null, "2015-06-30"), new ClassChange("stage", "Potential", "Terminated")],
            history[1].Changes.OrderBy(c => c.Field, StringComparer.Ordinal));
        var due = Assert.Single((await Grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, manager)).AssertSucceeded());
        Assert.Equal((id, new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero)), (due.FileId, due.RetainUntil));
        var log = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(id, null, null, null, null, Action: AuditActions.Reclassify),
            Archive.Archivist)).AssertSucceeded();
        Assert.Equal(2, log.Total);
        Assert.Contains(log.Items, entry => entry.Detail!.Contains("relationshipEndedOn 2015-06-30 → 2016-01-31", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_end_in_the_future_or_without_termination_is_refused_and_changes_nothing()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var manager = Manager(branch);
        var tomorrow = DateOnly.FromDateTime(fixture.Archive.Clock.GetUtcNow().UtcDateTime).AddDays(1);

        var future = await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(
            Archive.NewFile(branch) with { Stage = CooperationStage.Terminated, RelationshipEndedOn = tomorrow }, Archive.Archivist);
        future.AssertRefused(Outcome.Invalid);
        Assert.Contains("must not be in the future", future.Detail);
        Assert.Contains(RelationshipEnd.Field, future.Errors!.Keys);
        (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(
            Archive.NewFile(branch) with { Stage = CooperationStage.Signed, RelationshipEndedOn = LeftIn2015 }, Archive.Archivist))
            .AssertRefused(Outcome.Invalid);

        var file = await Archive.RegisterFile(Grains, branch); // a potential customer
        (await file.Reclassify(new ReclassifyCommand("Ended", Stage: CooperationStage.Terminated, RelationshipEndedOn: tomorrow), manager))
            .AssertRefused(Outcome.Invalid);
        (await file.Reclassify(new ReclassifyCommand("Ended", Stage: CooperationStage.Stable, RelationshipEndedOn: LeftIn2015), manager))
            .AssertRefused(Outcome.Invalid);
        var notTerminated = await file.Reclassify(new ReclassifyCommand("Ended", RelationshipEndedOn: LeftIn2015), manager);
        notTerminated.AssertRefused(Outcome.Conflict);
        Assert.Contains("Potential", notTerminated.Detail);
        (await file.Reclassify(new ReclassifyCommand("Ended", Stage: CooperationStage.Terminated, RelationshipEndedOn: LeftIn2015), Archive.Clerk(branch)))
            .AssertRefused(Outcome.Forbidden);

        var view = (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal((CooperationStage.Potential, (DateTimeOffset?)null, 1L), (view.Stage, view.RelationshipEndedAt, view.Version));
    }

    [SkippableFact]
    public async Task An_import_row_carries_the_end_of_the_relationship_and_a_future_or_unreadable_one_is_that_row_s_error()
    {
        var grains = fixture.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var tomorrow = DateOnly.FromDateTime(fixture.Archive.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var csv = new StringBuilder("客户名称,customerType,idNumber,合作阶段,终止日期,cabinet\n")
            .Append($"{branch}甲,enterprise,{branch}-1,终止,2015/6/30,C01\n")
            .Append($"{branch}乙,enterprise,{branch}-2,终止,{tomorrow:yyyy-MM-dd},C01\n")
            .Append($"{branch}丙,enterprise,{branch}-3,终止,someday,C01\n")
            .Append($"{branch}丁,enterprise,{branch}-4,签约,2015-06-30,C01\n")
            .ToString();
        var command = ImportTests.Command(csv, branch);
        var manager = Manager(branch);
        var job = grains.GetGrain<IImportJobGrain>(ImportIds.Job(manager.Subject, branch, command.Digest));
        (await job.Start(command, manager)).AssertSucceeded();

        var (done, _) = await ImportTests.WaitAsync(job, manager);
        Assert.Equal((ImportState.Completed, 1, 3), (done.State, done.Imported, done.Errors));
        var report = (await job.GetReport(manager)).AssertSucceeded();
        Assert.Equal([2, 3, 4], report.Issues.Where(i => i.Field == RelationshipEnd.Field).Select(i => i.Row).Order());
        Assert.Contains("must not be in the future", report.Issues.Single(i => i.Row == 2).Message);
        var imported = (await grains.GetGrain<ICustomerFileGrain>(ImportIds.File(job.GetPrimaryKeyString(), 1)).Get(manager)).AssertSucceeded();
        Assert.Equal((CooperationStage.Terminated, new DateTimeOffset(2015, 6, 30, 0, 0, 0, TimeSpan.Zero)),
            (imported.Stage, imported.RelationshipEndedAt!.Value));
    }
}

[Collection(SqliteCluster.Name)]
public sealed class RelationshipEndTestsOnSqlite(SqliteClusterFixture fixture) : RelationshipEndTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class RelationshipEndTestsOnPostgres(PostgresClusterFixture fixture) : RelationshipEndTests(fixture);
