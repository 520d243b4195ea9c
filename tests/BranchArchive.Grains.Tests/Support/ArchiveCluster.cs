using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Files;
using BranchArchive.Silo.Hosting;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization.Configuration;
using Orleans.TestingHost;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>
/// A cluster of real silos on one database (SQLite or PostgreSQL), with a clock the test moves
/// (a <see cref="MovedClock"/> unless the test brings a <see cref="FakeTimeProvider"/> that should
/// drive Orleans' grain timers too). Start a second one on the same database to see what survived the first.
/// Silos: one unless the test asks for more, since a silo's start is most of a test's own cluster's
/// time; the shared clusters (<see cref="ClusterFixture"/>) and tests whose point lies between silos
/// (a dead silo, callers racing on several, a chain written from several) ask for two or three.
/// </summary>
public sealed class ArchiveCluster : IAsyncDisposable
{
    public const string ServiceId = "branch-archive-tests";

    private ArchiveCluster(InProcessTestCluster cluster, TestStorage storage, FakeTimeProvider clock, bool ownClient)
    {
        Cluster = cluster;
        Storage = storage;
        Clock = clock;
        Client = ownClient ? cluster.Client : cluster.GetSiloServiceProvider().GetRequiredService<IClusterClient>();
    }

    public InProcessTestCluster Cluster { get; }

    public TestStorage Storage { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>
    /// Clusters of several silos are called through a client of their own, over the gateway, as
    /// the API calls them; a one-silo cluster through its silo's own client (the embedded API's
    /// way), which spares the start of a second host.
    /// </summary>
    public IClusterClient Client { get; }

    /// <param name="checkSerializers">
    /// Whether the silos and the client check, as they start, that every type a grain call carries
    /// can be serialized (Orleans does in Development). The shared clusters do, once per store; a
    /// test's own cluster would repeat the same check for nothing, at a tenth of its start's time.
    /// </param>
    public static async Task<ArchiveCluster> StartAsync(
        TestStorage storage, short silos = 1, FakeTimeProvider? clock = null, Action<ISiloBuilder>? configure = null, bool checkSerializers = false)
    {
        clock ??= new MovedClock();
        var ownClient = silos > 1; // see Client
        var builder = new InProcessTestClusterBuilder(silos);
        // Fixed, as in production: a random ServiceId per cluster would hide every row written before.
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = ownClient;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
            if (clock is MovedClock)
            {
                // Orleans' own clocks (timers, reminders, membership, messaging) stay real; only the
                // archive's is moved. A jump of weeks on the runtime's clocks would fire every periodic
                // runtime timer once per period skipped (one test spent minutes there).
                silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
            }
            silo.Services.Configure<AuditCheckpointOptions>(checkpoints => checkpoints.SigningKey ??= storage.CheckpointKey);
            silo.AddArchiveGrainServices(storage.Settings);
            // Most tests lend to made-up names ("zhang.san"); the staff-list tests turn this off, as production has it.
            silo.Services.Configure<CirculationOptions>(circulation => circulation.AllowUnlistedBorrowers = true);
            // The finance approver the accounting tests name: of every branch, acting from the file's branch.
            silo.Services.Configure<AccountingOptions>(accounting => accounting.FinanceApprovers[AccountingOptions.EveryBranch] = [Archive.FinanceApprover]);
            silo.Services.Configure<TypeManifestOptions>(types => types.EnableConfigurationAnalysis = checkSerializers);
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.Services.Configure<TypeManifestOptions>(types => types.EnableConfigurationAnalysis = checkSerializers));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ArchiveCluster(cluster, storage, clock, ownClient);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
