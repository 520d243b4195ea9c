using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence;
using BranchArchive.Persistence.Writes;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// The change stores write the rows of Orleans' ADO.NET grain storage themselves: the provider must
/// read what they write, they must update what it wrote, and a stale version must fail as the
/// provider's own write fails.
/// </summary>
public sealed class ChangeStoreTests
{
    private const string State = "change-store-probe";

    public static TheoryData<string, string> Keys()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { TestStorage.Sqlite, TestStorage.Postgres })
        {
            // A plain string key; strings Orleans reads as a hex integer or a GUID (the provider keys those by number);
            // an integer and a GUID key with an extension.
            foreach (var key in new[] { "F-000123", "abc123", Guid.NewGuid().ToString("N"), "2A+ext", Guid.NewGuid().ToString("N") + "+ext" })
            {
                data.Add(kind, key);
            }
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Keys))]
    public async Task The_provider_reads_what_the_change_store_writes_and_the_change_store_updates_what_the_provider_wrote(string kind, string key)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var services = archive.Cluster.GetSiloServiceProvider();
        var provider = services.GetRequiredKeyedService<IGrainStorage>(StateNames.Provider);
        var changes = services.GetRequiredService<IChangeStore>();
        var grain = GrainId.Create("probe", key);

        var version = await changes.CommitAsync(new StateChange<Probe>(State, grain, null, new Probe(1), NoSideWrites));
        var read = await Read(provider, grain);
        Assert.Equal(("1", true, 1), (read.ETag, read.RecordExists, read.State!.N));

        read.State = new Probe(2);
        await provider.WriteStateAsync(State, grain, read);
        Assert.Equal("2", read.ETag);
        Assert.Equal("3", await changes.CommitAsync(new StateChange<Probe>(State, grain, read.ETag, new Probe(3), NoSideWrites)));
        read = await Read(provider, grain);
        Assert.Equal(("3", 3), (read.ETag, read.State!.N));
        Assert.Equal(1L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = @state", ("@state", State))));

        // A version read before another write: refused, as the provider refuses it.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            changes.CommitAsync(new StateChange<Probe>(State, grain, version, new Probe(4), NoSideWrites)));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            changes.CommitAsync(new StateChange<Probe>(State, grain, null, new Probe(4), NoSideWrites)));
        Assert.Equal(3, (await Read(provider, grain)).State!.N);
    }

    [SkippableFact]
    public async Task A_version_clash_in_a_postgres_group_fails_only_its_own_change()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var changes = archive.Cluster.GetSiloServiceProvider().GetRequiredService<IChangeStore>();
        // Keys of one audit shard, so their changes queue for the same groups.
        var keys = Enumerable.Range(0, 10_000).Select(i => $"F-{i:D6}")
            .Where(k => Shards.Of(k, RelationalArchive.PostgresAuditChains) == 0).Take(41).ToList();
        var stale = GrainId.Create("probe", keys[0]);
        await changes.CommitAsync(new StateChange<Probe>(State, stale, null, new Probe(1), NoSideWrites));

        for (var round = 0; round < 3; round++)
        {
            var commits = keys.Skip(1).Select(k => changes.CommitAsync(new StateChange<Probe>(State, GrainId.Create("probe", k),
                round == 0 ? null : round.ToString(System.Globalization.CultureInfo.InvariantCulture), new Probe(round), NoSideWrites))).ToList();
            var clash = changes.CommitAsync(new StateChange<Probe>(State, stale, null, new Probe(-1), NoSideWrites));

            await Assert.ThrowsAsync<InconsistentStateException>(() => clash);
            Assert.All(await Task.WhenAll(commits), v => Assert.Equal((round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), v));
        }
    }

    private static readonly SideWrites NoSideWrites = new([]);

    private static async Task<GrainState<Probe>> Read(IGrainStorage provider, GrainId grain)
    {
        var state = new GrainState<Probe>();
        await provider.ReadStateAsync(State, grain, state);
        return state;
    }

    [GenerateSerializer]
    public sealed record Probe([property: Id(0)] int N)
    {
        public Probe() : this(0) { }
    }
}
