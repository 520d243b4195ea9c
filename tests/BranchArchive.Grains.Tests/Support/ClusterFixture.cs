using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>
/// One two-silo cluster shared by a test collection, on a database of one kind; tests use their
/// own branch codes and file ids. Where PostgreSQL is missing (outside CI) its tests are skipped.
/// </summary>
public abstract class ClusterFixture(string storageKind) : IAsyncLifetime
{
    private ArchiveCluster? _cluster;
    private TestStorage? _storage;
    private string? _unavailable;

    public ArchiveCluster Archive
    {
        get
        {
            Skip.If(_unavailable is not null, _unavailable);
            return _cluster ?? throw new InvalidOperationException("The cluster has not started.");
        }
    }

    public IClusterClient Client => Archive.Client;

    public async Task InitializeAsync()
    {
        try
        {
            _storage = await TestStorage.CreateAsync(storageKind);
        }
        catch (SkipException skip)
        {
            _unavailable = skip.Message;
            return;
        }
        _cluster = await ArchiveCluster.StartAsync(_storage, silos: 2, checkSerializers: true);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}

public sealed class SqliteClusterFixture() : ClusterFixture(TestStorage.Sqlite);

public sealed class PostgresClusterFixture() : ClusterFixture(TestStorage.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteCluster : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "cluster on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCluster : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "cluster on PostgreSQL";
}
