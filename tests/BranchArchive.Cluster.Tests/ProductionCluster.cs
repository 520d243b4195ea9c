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
public sealed class ProductionCluster : IAsyncDisposable
{
    private readonly TestStorage _storage;
    private readonly string _clusterId = $"failover-{Guid.NewGuid():N}"[..20];
    private readonly List<(ProgramProcess Process, int SiloPort)> _silos = [];
    private ProgramProcess? _api;
    private IHost? _observer;

    private ProductionCluster(TestStorage storage) => _storage = storage;

    public ArchiveClient Api { get; private set; } = null!;

    public string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public IReadOnlyList<(ProgramProcess Process, int SiloPort)> Silos => _silos;

    public static async Task<ProductionCluster> StartAsync(int silos)
    {
        var cluster = new ProductionCluster(await TestStorage.CreateAsync(TestStorage.Postgres));
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
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var settings = Common();
        settings["Cluster:SiloPort"] = siloPort.ToString();
        settings["Cluster:GatewayPort"] = gatewayPort.ToString();
        var process = ProgramProcess.Start("Silo", $"silo-{_silos.Count + 1}", settings);
        _silos.Add((process, siloPort));
        return process;
    }

    /// <summary>Waits until the membership table shows this many active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        var management = (await Observer()).GetGrain<IManagementGrain>(0);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while ((await management.GetHosts(onlyActive: true)).Count != count)
        {
            var dead = _silos.FirstOrDefault(s => s.Process.HasExited && !_killed.Contains(s.Process));
            if (dead.Process is not null)
            {
                throw new InvalidOperationException($"{dead.Process.Name} exited:{Environment.NewLine}{dead.Process.RecentOutput}");
            }
            await Task.Delay(250, deadline.Token);
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
    public async Task<Dictionary<string, int>> FileLocationsAsync()
    {
        var management = (await Observer()).GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString()!.Contains("customerfile", StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.GrainId.Key.ToString()!)
            .ToDictionary(g => g.Key, g => g.First().SiloAddress.Endpoint.Port);
    }

    private Dictionary<string, string?> Common()
    {
        var settings = _storage.ToConfiguration();
        settings["Cluster:Membership"] = "AdoNet";
        settings["Cluster:ServiceId"] = "branch-archive-failover";
        settings["Cluster:ClusterId"] = _clusterId;
        settings["Logging:LogLevel:Default"] = "Warning";
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

    private async Task<IClusterClient> Observer()
    {
        if (_observer is null)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.UseOrleansClient(client => client
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = _storage.Settings.PostgresConnectionString;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ServiceId = "branch-archive-failover";
                    o.ClusterId = _clusterId;
                }));
            _observer = builder.Build();
            await _observer.StartAsync();
        }
        return _observer.Services.GetRequiredService<IClusterClient>();
    }

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
            try
            {
                await _observer.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception)
            {
                // The cluster is gone already; nothing to leave.
            }
            _observer.Dispose();
        }
        await _storage.DisposeAsync();
    }
}
