using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// An Orleans client of the test's own, found through the PostgreSQL membership table, to see
/// which silos are active and where grains live.
/// </summary>
public sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host) => _host = host;

    private IManagementGrain Management => _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    public static async Task<ClusterObserver> StartAsync(string postgres, string serviceId, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres;
            })
            .Configure<ClusterOptions>(o =>
            {
                o.ServiceId = serviceId;
                o.ClusterId = clusterId;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterObserver(host);
    }

    /// <summary>Silo ports of the silos the membership table lists as active.</summary>
    public async Task<HashSet<int>> ActiveSiloPortsAsync() =>
        (await Management.GetHosts(onlyActive: true)).Keys.Select(s => s.Endpoint.Port).ToHashSet();

    /// <summary>Which silo (by silo port) each activated customer file lives on.</summary>
    public async Task<Dictionary<string, int>> FileLocationsAsync()
    {
        var statistics = await Management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString()!.Contains("customerfile", StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.GrainId.Key.ToString()!)
            .ToDictionary(g => g.Key, g => g.First().SiloAddress.Endpoint.Port);
    }

    /// <summary>The silo (by silo port) where a grain whose type name contains <paramref name="type"/> is active, if any is.</summary>
    public async Task<int?> GrainLocationAsync(string type) =>
        (await Management.GetDetailedGrainStatistics())
            .Where(s => s.GrainId.Type.ToString()!.Contains(type, StringComparison.OrdinalIgnoreCase))
            .Select(s => (int?)s.SiloAddress.Endpoint.Port).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        }
        catch (Exception)
        {
            // The cluster is gone already; nothing to leave.
        }
        _host.Dispose();
    }
}
