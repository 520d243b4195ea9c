using System.Diagnostics;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Changes;
using BranchArchive.Persistence.Writes;
using BranchArchive.Testing;
using Npgsql;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// PostgreSQL commits a group of changes in a constant number of round trips (<see cref="PostgresChangeGroup"/>),
/// and groups of different shards move their own counter rows, whose sums stay right.
/// </summary>
public sealed class PostgresChangeGroupTests
{
    private const string State = "change-group-probe";
    private const string ServiceId = "branch-archive";

    [SkippableFact]
    public async Task A_group_takes_the_same_round_trips_however_many_changes_it_holds()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var database = NpgsqlDataSource.Create(storage.Settings.PostgresConnectionString!);
        var archive = RelationalArchive.On(database);
        var group = new PostgresChangeGroup(database, (RelationalAuditLog)archive.AuditLog, new WriteQuery(database));
        var branch = Archive.NewBranchCode();
        await CommitAsync(group, [new ProbeFile(branch)], f => f.Next(FileStatus.OnShelf, "warm")); // reads the provider's statement, once

        using var trips = new RoundTrips(database.ConnectionString);
        var counted = new List<(int Size, int Trips)>();
        var files = new List<ProbeFile>();
        foreach (var size in new[] { 1, 2, 40 })
        {
            var added = Enumerable.Range(0, size).Select(_ => new ProbeFile(branch)).ToList();
            files.AddRange(added);
            // New files: state rows, lines, tags, retention, register rows and audit entries all new.
            counted.Add((size, await trips.CountAsync(() => CommitAsync(group, added, f => f.Next(FileStatus.OnShelf, "a")))));
            // The same files again: lines replaced, their tags and retention changed, counters moved.
            counted.Add((size, await trips.CountAsync(() => CommitAsync(group, added, f => f.Next(FileStatus.CheckedOut, "b", "c")))));
        }

        Assert.All(counted, c => Assert.Equal(2, c.Trips)); // one batch to read and lock, one to write (the commit is not a command)
        var lines = await storage.RowsAsync("SELECT Status, COUNT(*) FROM CatalogueFiles WHERE Branch = @branch GROUP BY Status", ("@branch", branch));
        Assert.Equal(files.Count, Convert.ToInt32(lines.Single(r => (string)r[0] == nameof(FileStatus.CheckedOut))[1]));
        var summary = await archive.Catalogue.SummaryAsync(branch, DateTimeOffset.UtcNow);
        Assert.Equal(files.Count + 1, summary.Total);
        Assert.Equal(files.Count, summary.ByBranch.Single().ByStatus[nameof(FileStatus.CheckedOut)]);
        Assert.Equal(2L * files.Count, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM CatalogueTags WHERE Tag IN ('b', 'c')")));
        Assert.Equal(2L * files.Count + 1, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM FileRegister")));
        Assert.Equal(2L * files.Count + 1, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM AuditLog")));
        foreach (var chain in archive.AuditLog.Chains)
        {
            var check = await archive.AuditLog.VerifyAsync(chain, null, []);
            Assert.True(check.FirstBrokenSeq is null, $"{chain}: {check.Problem}");
        }
    }

    [SkippableFact]
    public async Task A_group_replaces_no_line_by_an_older_one_and_appends_no_record_twice()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var database = NpgsqlDataSource.Create(storage.Settings.PostgresConnectionString!);
        var archive = RelationalArchive.On(database);
        var group = new PostgresChangeGroup(database, (RelationalAuditLog)archive.AuditLog, new WriteQuery(database));
        var branch = Archive.NewBranchCode();
        var (late, other) = (new ProbeFile(branch), new ProbeFile(branch));
        StateChange<Probe>? stored = null;
        await CommitAsync(group, [late, other], f => f == late ? stored = f.Next(FileStatus.Missing, "newer") : f.Next(FileStatus.OnShelf));

        // The late file's line comes again at an older version, and its record again (as after a crash); the other file moves on.
        await CommitAsync(group, [late, other], f =>
        {
            var change = f.Next(f == late ? FileStatus.OnShelf : FileStatus.CheckedOut);
            return f != late ? change : change with
            {
                SideWrites = new SideWrites([stored!.SideWrites.Audit[0], change.SideWrites.Audit[0]], change.SideWrites.CatalogueLine! with { Version = 0 }),
            };
        });

        var line = Assert.Single(await storage.RowsAsync("SELECT Status, Version FROM CatalogueFiles WHERE FileId = @id", ("@id", late.Id)));
        Assert.Equal((nameof(FileStatus.Missing), 1L), ((string)line[0], Convert.ToInt64(line[1])));
        Assert.Equal("newer", await storage.ScalarAsync("SELECT Tag FROM CatalogueTags WHERE FileId = @id", ("@id", late.Id)));
        var counts = (await archive.Catalogue.SummaryAsync(branch, DateTimeOffset.UtcNow)).ByBranch.Single().ByStatus;
        Assert.Equal(new Dictionary<string, long> { [nameof(FileStatus.Missing)] = 1, [nameof(FileStatus.CheckedOut)] = 1 }, counts);
        Assert.Equal(4L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM AuditLog"))); // the repeated record once
        foreach (var chain in archive.AuditLog.Chains)
        {
            var check = await archive.AuditLog.VerifyAsync(chain, null, []);
            Assert.True(check.FirstBrokenSeq is null, $"{chain}: {check.Problem}");
        }
    }

    [SkippableFact]
    public async Task Counters_stay_right_when_two_shards_move_one_branchs_files_at_once()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var database = NpgsqlDataSource.Create(storage.Settings.PostgresConnectionString!);
        var archive = RelationalArchive.On(database);
        var changes = archive.ChangeStore(ServiceId);
        var branch = Archive.NewBranchCode();
        // Files of one branch in two shards: each shard's groups move the same counter keys, in rows of their own.
        var files = Enumerable.Range(0, 400).Select(_ => new ProbeFile(branch))
            .GroupBy(f => Shards.Of(f.Id, RelationalArchive.PostgresAuditChains)).Where(g => g.Key is 0 or 1)
            .SelectMany(g => g.Take(12)).ToList();
        Assert.Equal(24, files.Count);
        await Task.WhenAll(files.Select((f, i) => CommitAsync(changes, f, f.Next(i % 2 == 0 ? FileStatus.OnShelf : FileStatus.CheckedOut))));

        for (var round = 0; round < 12; round++)
        {
            // Half go out while half come back, in both shards at once.
            await Task.WhenAll(files.Select(f => Task.Run(() => CommitAsync(changes, f,
                f.Next(f.Status == FileStatus.OnShelf ? FileStatus.CheckedOut : FileStatus.OnShelf, stage: round % 3 == 0 ? CirculationStage.InTransit : CirculationStage.AtHome)))));
        }

        var summary = await archive.Catalogue.SummaryAsync(branch, DateTimeOffset.UtcNow);
        var lines = (await storage.RowsAsync("SELECT Status, COUNT(*) FROM CatalogueFiles WHERE Branch = @branch GROUP BY Status", ("@branch", branch)))
            .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1]));
        Assert.Equal(lines, summary.ByBranch.Single().ByStatus);
        Assert.Equal(files.Count, summary.Total);
        var places = (await storage.RowsAsync(
                "SELECT CirculationStage, COUNT(*) FROM CatalogueFiles WHERE COALESCE(Location, Destination) = @branch GROUP BY CirculationStage", ("@branch", branch)))
            .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1]));
        var whereabouts = summary.ByLocation.Single();
        Assert.Equal(places, whereabouts.ByStage.Append(KeyValuePair.Create(nameof(CirculationStage.InTransit), whereabouts.Arriving))
            .Where(p => p.Value > 0).ToDictionary());
        Assert.Equal(2L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(DISTINCT Shard) FROM CatalogueCounts WHERE Branch = @branch", ("@branch", branch))));
    }

    /// <summary>One group of a change of each file.</summary>
    private static async Task CommitAsync(PostgresChangeGroup group, IReadOnlyList<ProbeFile> files, Func<ProbeFile, StateChange<Probe>> change)
    {
        List<PendingChange> pending = [.. files.Select(change).Select(c => new PendingChange(StateRow.Of(ServiceId, c), c.SideWrites))];
        await group.CommitAsync(0, pending);
        foreach (var (file, stored) in files.Zip(pending))
        {
            file.ETag = stored.Version;
        }
    }

    private static async Task CommitAsync(IChangeStore changes, ProbeFile file, StateChange<Probe> change) =>
        file.ETag = await changes.CommitAsync(change);

    /// <summary>A customer file as far as its change's writes go: its line, a register entry and an audit record per change.</summary>
    private sealed class ProbeFile(string branch)
    {
        public string Id { get; } = FileIds.New();

        public long Number { get; } = Random.Shared.NextInt64(10_000_000, 90_000_000);

        public long Version { get; private set; }

        public FileStatus Status { get; private set; }

        public string? ETag { get; set; }

        public StateChange<Probe> Next(FileStatus status, params string[] tags) => Next(status, CirculationStage.AtHome, tags);

        public StateChange<Probe> Next(FileStatus status, CirculationStage stage, params string[] tags)
        {
            (Version, Status) = (Version + 1, status);
            var now = DateTimeOffset.UtcNow;
            var where = stage == CirculationStage.InTransit ? new Whereabouts(stage, null, branch) : new Whereabouts(stage, branch, null);
            var line = new CatalogueEntry(Id, Number, Version, "Probe", CustomerType.Individual, Importance.Normal, Sensitivity.Internal, status,
                branch, "C01", tags, null, now, RetainUntil: now.AddYears((int)Version), Whereabouts: where);
            var record = new AuditRecord(Guid.NewGuid().ToString("N"), now, "clerk", "Clerk", branch, "probe", Id, branch, "ok", null, null);
            var custody = new CustodyEvent(now, CustodyAction.Relocated, "clerk", branch, $"change {Version}");
            return new StateChange<Probe>(State, GrainId.Create("probe", Id), ETag, new Probe((int)Version),
                new SideWrites([record], line, new RegisterEntries(Id, [], [custody])));
        }
    }

    public sealed record Probe(int N);

    /// <summary>
    /// The commands and batches Npgsql sends to this test's database: its tracing has one activity
    /// per command or batch (a batch's statements in one query text), another per physical connection
    /// opened (not counted: the pool's doing, not the group's). A transaction's BEGIN goes with its first command.
    /// </summary>
    private sealed class RoundTrips : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly string _database;
        private int _count;

        public RoundTrips(string connectionString)
        {
            _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == _database && activity.GetTagItem("db.query.text") is not null)
                    {
                        Interlocked.Increment(ref _count);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public async Task<int> CountAsync(Func<Task> commit)
        {
            var before = Volatile.Read(ref _count);
            await commit();
            return Volatile.Read(ref _count) - before;
        }

        public void Dispose() => _listener.Dispose();
    }
}
