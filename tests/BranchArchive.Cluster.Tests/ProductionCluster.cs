using BranchArchive.Contracts.Branches;
using BranchArchive.Silo.Hosting;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// The production topology on this machine: silo processes and one API process (an Orleans
/// client) on a fresh PostgreSQL database, plus an Orleans client of the test's own to see
/// where grains live.
/// </summary>
public sealed class ProductionCluster : IArchiveCluster, IAsyncDisposable
{
    private const string ServiceId = "branch-archive-failover";

    private readonly TestStorage _storage;
    private readonly string _clusterId = $"failover-{Guid.NewGuid():N}"[..20];
    private readonly List<(ProgramProcess Process, int SiloPort)> _silos = [];
    private readonly Dictionary<ProgramProcess, Uri> _siloHttp = [];
    private ProgramProcess? _api;
    private ClusterObserver? _observer;

    private readonly IReadOnlyDictionary<string, string?> _extra;

    private ProductionCluster(TestStorage storage, IReadOnlyDictionary<string, string?>? extra) => (_storage, _extra) = (storage, extra ?? new Dictionary<string, string?>());

    public ArchiveClient Api { get; private set; } = null!;

    public string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public IReadOnlyList<(ProgramProcess Process, int SiloPort)> Silos => _silos;

    /// <param name="extra">Settings every process gets on top of the cluster's own (e.g. <c>Notifications:*</c>).</param>
    public static async Task<ProductionCluster> StartAsync(int silos, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var cluster = new ProductionCluster(await TestStorage.CreateAsync(TestStorage.Postgres), extra);
        // As the init container does in Kubernetes: the schema first, then the silos.
        await ArchiveMigrations.ApplyAsync(cluster._storage.Settings);
        for (var i = 0; i < silos; i++)
        {
            cluster.StartSilo();
        }
        await cluster.WaitForActiveSilosAsync(silos);
        await cluster.StartApiAsync();
        return cluster;
    }

    public ProgramProcess StartSilo()
    {
        var (siloPort, gatewayPort, httpPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var settings = Common();
        settings["Cluster:SiloPort"] = siloPort.ToString();
        settings["Cluster:GatewayPort"] = gatewayPort.ToString();
        settings["Cluster:HttpPort"] = httpPort.ToString();
        // Every silo on this machine: the cluster's traffic stays on the loopback interface.
        settings["Cluster:AdvertisedAddress"] = "127.0.0.1";
        var process = ProgramProcess.Start("Silo", $"silo-{_silos.Count + 1}", settings);
        _silos.Add((process, siloPort));
        _siloHttp[process] = new Uri($"http://127.0.0.1:{httpPort}");
        return process;
    }

    /// <summary>A silo's HTTP port: /health/live, /health/ready, /metrics.</summary>
    public Uri HttpOf(ProgramProcess silo) => _siloHttp[silo];

    /// <summary>Silo ports of the silos the membership table lists as active.</summary>
    public async Task<HashSet<int>> ActiveSiloPortsAsync() => await (await Observer()).ActiveSiloPortsAsync();

    /// <summary>Waits until the membership table shows this many active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        var observer = await Observer();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while ((await ActivePortsOrNoneAsync(observer)).Count != count)
        {
            var dead = _silos.FirstOrDefault(s => s.Process.HasExited && !_killed.Contains(s.Process));
            if (dead.Process is not null)
            {
                throw new InvalidOperationException($"{dead.Process.Name} exited:{Environment.NewLine}{dead.Process.RecentOutput}");
            }
            await Task.Delay(250, deadline.Token);
        }
    }

    /// <summary>
    /// The observer's client may still pick a silo killed a moment ago as its gateway; that call
    /// fails (ConnectionFailedException) until the client drops it, and the wait simply asks again.
    /// </summary>
    private static async Task<HashSet<int>> ActivePortsOrNoneAsync(ClusterObserver observer)
    {
        try
        {
            return await observer.ActiveSiloPortsAsync();
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return [];
        }
    }

    private readonly HashSet<ProgramProcess> _killed = [];

    public async Task KillAsync(ProgramProcess silo)
    {
        _killed.Add(silo);
        await silo.KillAsync();
    }

    public async Task StopAsync(ProgramProcess silo)
    {
        _killed.Add(silo);
        await silo.StopAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Which silo (by silo port) each activated customer file lives on.</summary>
    public async Task<Dictionary<string, int>> FileLocationsAsync() => await (await Observer()).FileLocationsAsync();

    /// <summary>The silo (by silo port) where the grain whose type name contains <paramref name="type"/> is active, if it is.</summary>
    public async Task<int?> GrainLocationAsync(string type) => await (await Observer()).GrainLocationAsync(type);

    /// <summary>What the silo's <c>rebuild-catalogue</c> command does: the catalogue emptied and filled again from the stored files.</summary>
    public Task<long> RebuildCatalogueAsync() => CatalogueRebuild.RunAsync(_storage.Settings, ServiceId);

    private Dictionary<string, string?> Common()
    {
        var settings = _storage.ToConfiguration();
        settings["Cluster:Membership"] = "AdoNet";
        settings["Cluster:ServiceId"] = ServiceId;
        settings["Circulation:AllowUnlistedBorrowers"] = "true"; // the load lends to one made-up borrower, far past any limit
        settings["Cluster:ClusterId"] = _clusterId;
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    private async Task StartApiAsync()
    {
        var port = FreePorts.Next();
        var settings = Common();
        settings["Topology"] = "Client";
        settings["Urls"] = $"http://127.0.0.1:{port}";
        settings["Auth:DevTokens"] = "false";
        settings["Auth:SigningKey"] = SigningKey;
        settings["Api:WriteRateLimit:Burst"] = "1000000";
        settings["Api:WriteRateLimit:PerSecond"] = "1000000";
        _api = ProgramProcess.Start("Api", "api", settings);
        Api = new ArchiveClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) });
        await Api.WaitUntilReadyAsync(() => _api.HasExited ? _api.RecentOutput : null);
    }

    private async Task<ClusterObserver> Observer() =>
        _observer ??= await ClusterObserver.StartAsync(_storage.Settings.PostgresConnectionString!, ServiceId, _clusterId);

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        foreach (var (silo, _) in _silos)
        {
            await silo.DisposeAsync();
        }
        if (_observer is not null)
        {
            await _observer.DisposeAsync();
        }
        await _storage.DisposeAsync();
    }
}
