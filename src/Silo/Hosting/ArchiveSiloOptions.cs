using BranchArchive.Persistence.Sqlite;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// The <c>Cluster</c> configuration section: where a silo finds its cluster and its storage.
/// (Not <c>Orleans</c>: Orleans reads that section itself, with its own meaning of the keys.)
/// </summary>
public sealed class ArchiveSiloOptions
{
    public const string Section = "Cluster";

    /// <summary>The connection string (<c>ConnectionStrings:Archive</c>) of the PostgreSQL database.</summary>
    public const string PostgresConnectionName = "Archive";

    /// <summary>
    /// Part of every stored row's key: changing it makes the archive look empty. Fixed here rather
    /// than left to a provider's default.
    /// </summary>
    public string ServiceId { get; set; } = "branch-archive";

    public string ClusterId { get; set; } = "branch-archive";

    /// <summary>
    /// <c>Localhost</c>: one silo on this machine (the embedded default).
    /// <c>AdoNet</c>: silos find each other through the membership table in PostgreSQL.
    /// </summary>
    public string Membership { get; set; } = "Localhost";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c> (grain state, audit log and reminders).</summary>
    public string Storage { get; set; } = "Sqlite";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other silos and clients reach this silo at (AdoNet membership). Unset, Orleans
    /// takes the machine's first network interface; in Kubernetes, the pod's IP.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// A silo process's HTTP port: <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>
    /// (src/Silo only; the embedded silo's API serves its own).
    /// </summary>
    public int HttpPort { get; set; } = 8080;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public FailureDetectionOptions FailureDetection { get; set; } = new();
}

public sealed class SqliteStorageOptions
{
    /// <summary>The SQLite file; relative paths start from the working directory.</summary>
    public string Path { get; set; } = "data/archive.db";

    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;
}

/// <summary>
/// How fast a dead silo is noticed. Orleans' defaults took 12–18 s to move a dead silo's grains
/// here; these took 1.2–2 s (see docs/operations.md). Lower values risk declaring a slow
/// (GC-paused, CPU-starved) silo dead.
/// </summary>
public sealed class FailureDetectionOptions
{
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public int NumMissedProbesLimit { get; set; } = 2;

    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Orleans lengthens a silo's probe timeout while the silo itself looks unhealthy (a busy
    /// thread pool). On small, busy nodes that made detection of a dead silo take 3 s and more
    /// instead of ~2 s; off, detection stays predictable, and a false suspicion still needs the
    /// votes of two silos.
    /// </summary>
    public bool ExtendProbeTimeoutDuringDegradation { get; set; }

    /// <summary>How often the API's client re-reads the list of gateways (silos) it may use.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the API's client waits for a grain's answer. A call sent to a silo that just died
    /// is never answered; this bounds the wait before a safe call is retried elsewhere. Grain calls
    /// take milliseconds, so a few seconds leave a wide margin.
    /// </summary>
    public TimeSpan ClientResponseTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
