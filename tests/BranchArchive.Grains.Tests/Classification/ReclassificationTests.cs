using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Classification;

/// <summary>Customers move between classes; each file keeps who moved it, when, why, from and to.</summary>
public abstract class ReclassificationTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private ICatalogue Catalogue => fixture.Archive.Cluster.GetSiloServiceProvider().GetRequiredService<ICatalogue>();

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    [SkippableFact]
    public async Task A_new_file_is_filed_under_its_quarter_as_a_potential_customer_unless_told_otherwise()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var now = fixture.Archive.Clock.GetUtcNow();

        var plain = (await (await Archive.RegisterFile(Grains, branch)).Get(Archive.Archivist)).AssertSucceeded();
        var signed = (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(
            Archive.NewFile(branch) with { Stage = CooperationStage.Signed, Relationship = Relationship.LongTerm, Year = 2024, Quarter = 3 },
            Archive.Archivist)).AssertSucceeded();

        Assert.Equal((CooperationStage.Potential, Relationship.Potential, now.Year, FilingPeriod.QuarterOf(now)),
            (plain.Stage, plain.Relationship, plain.Year!.Value, plain.Quarter!.Value));
        Assert.Equal((CooperationStage.Signed, Relationship.LongTerm, 2024, 3), (signed.Stage, signed.Relationship, signed.Year!.Value, signed.Quarter!.Value));
        (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(Archive.NewFile(branch) with { Year = 2024 }, Archive.Archivist))
            .AssertRefused(Outcome.Invalid);
    }

    [SkippableFact]
    public async Task Reclassifying_moves_the_label_keeps_the_history_and_reaches_the_catalogue()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch); // a VIP enterprise file
        var id = file.GetPrimaryKeyString();
        var manager = Manager(branch);

        var moved = (await file.Reclassify(new ReclassifyCommand("Turnover fell below the VIP threshold",
            Importance: Importance.Normal, Stage: CooperationStage.Stable, Relationship: Relationship.LongTerm), manager)).AssertSucceeded();
        var again = (await file.Reclassify(new ReclassifyCommand("Same again", Importance: Importance.Normal), manager)).AssertSucceeded();

        Assert.Equal((Importance.Normal, ColorLabel.Blue, CooperationStage.Stable), (moved.Importance, moved.ColorLabel, moved.Stage));
        Assert.Equal(moved.Version, again.Version); // nothing to change: nothing stored
        var history = (await file.GetClassificationHistory(Archive.Clerk(branch))).AssertSucceeded();
        var change = Assert.Single(history);
        Assert.Equal(manager.Subject, change.By);
        Assert.Equal(fixture.Archive.Clock.GetUtcNow(), change.At);
        Assert.Equal([new ClassChange("importance", "Vip", "Normal"), new ClassChange("stage", "Potential", "Stable"),
            new ClassChange("relationship", "Potential", "LongTerm")], change.Changes);

        var page = await Catalogue.SearchAsync(new InventoryQuery(branch, null, null, Importance.Normal, null, null, null, false),
            fixture.Archive.Clock.GetUtcNow());
        Assert.Equal(id, Assert.Single(page.Items).Id);
        var log = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(id, null, null, null, null, Action: AuditActions.Reclassify), Archive.Archivist)).AssertSucceeded();
        Assert.Contains("importance Vip → Normal", Assert.Single(log.Items).Detail);
    }

    [SkippableFact]
    public async Task Terminating_the_relationship_starts_the_retention_clock_and_reopening_it_stops_it()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);

        var ended = (await file.Reclassify(new ReclassifyCommand("Contract ended", Stage: CooperationStage.Terminated, Relationship: Relationship.Former),
            Archive.Archivist)).AssertSucceeded();
        var reopened = (await file.Reclassify(new ReclassifyCommand("Signed again", Stage: CooperationStage.Signed), Archive.Archivist)).AssertSucceeded();

        Assert.Equal(fixture.Archive.Clock.GetUtcNow(), ended.RelationshipEndedAt);
        Assert.Null(reopened.RelationshipEndedAt);
    }

    [SkippableFact]
    public async Task Clerks_and_other_branches_may_not_reclassify_and_each_attempt_is_audited()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var command = new ReclassifyCommand("Upgrade", Importance: Importance.Potential);

        (await file.Reclassify(command, Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
        (await file.Reclassify(command, Manager(other))).AssertRefused(Outcome.Forbidden);
        (await file.Reclassify(new ReclassifyCommand(" "), Manager(branch))).AssertRefused(Outcome.Invalid);

        var view = (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal((Importance.Vip, 1L), (view.Importance, view.Version));
        var denials = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: AuditActions.Reclassify, Outcome: nameof(Outcome.Forbidden)), Archive.Archivist)).AssertSucceeded();
        Assert.Equal(2, denials.Total);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class ReclassificationTestsOnSqlite(SqliteClusterFixture fixture) : ReclassificationTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class ReclassificationTestsOnPostgres(PostgresClusterFixture fixture) : ReclassificationTests(fixture);
