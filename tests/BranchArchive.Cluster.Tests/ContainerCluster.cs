using System.Diagnostics;
using BranchArchive.Testing;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// The production topology as containers of the archive's images, started by
/// deploy/containers/ci-test.sh, which describes it in <c>BRANCHARCHIVE_CONTAINERS_*</c> variables:
/// <c>API</c> (base address), <c>SIGNING_KEY</c>, <c>POSTGRES</c>, <c>SERVICE_ID</c>,
/// <c>CLUSTER_ID</c>, <c>SILOS</c> (<c>container=siloPort;…</c>) and <c>KILL</c> (the command
/// that kills a container, given its name).
/// </summary>
public sealed class ContainerCluster : IArchiveCluster, IAsyncDisposable
{
    private const string Prefix = "BRANCHARCHIVE_CONTAINERS_";

    private readonly ClusterObserver _observer;
    private readonly string[] _kill;

    private ContainerCluster(ArchiveClient api, string signingKey, ClusterObserver observer, string[] kill, IReadOnlyList<(string Name, int SiloPort)> silos)
    {
        Api = api;
        SigningKey = signingKey;
        _observer = observer;
        _kill = kill;
        Silos = silos;
    }

    public ArchiveClient Api { get; }

    public string SigningKey { get; }

    public IReadOnlyList<(string Name, int SiloPort)> Silos { get; }

    /// <summary>The cluster the script started; the test is skipped when there is none.</summary>
    public static async Task<ContainerCluster> FromEnvironmentAsync()
    {
        var api = Environment.GetEnvironmentVariable(Prefix + "API");
        Skip.If(string.IsNullOrEmpty(api), "No containerised cluster: deploy/containers/ci-test.sh runs this test against one.");
        string Setting(string name) => Environment.GetEnvironmentVariable(Prefix + name)
            ?? throw new InvalidOperationException($"{Prefix}{name} is not set.");
        var silos = Setting("SILOS").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('='))
            .Select(p => (Name: p[0], SiloPort: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var observer = await ClusterObserver.StartAsync(Setting("POSTGRES"), Setting("SERVICE_ID"), Setting("CLUSTER_ID"));
        var client = new ArchiveClient(new HttpClient { BaseAddress = new Uri(api!), Timeout = TimeSpan.FromSeconds(30) });
        return new ContainerCluster(client, Setting("SIGNING_KEY"), observer, Setting("KILL").Split(' ', StringSplitOptions.RemoveEmptyEntries), silos);
    }

    public Task<Dictionary<string, int>> FileLocationsAsync() => _observer.FileLocationsAsync();

    public Task<HashSet<int>> ActiveSiloPortsAsync() => _observer.ActiveSiloPortsAsync();

    /// <summary>Kills the container (SIGKILL to its process: no shutdown, no flushing).</summary>
    public async Task KillAsync(string container)
    {
        var start = new ProcessStartInfo(_kill[0], [.. _kill[1..], container]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kill = Process.Start(start)!;
        var error = await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', _kill)} {container} failed ({kill.ExitCode}): {error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _observer.DisposeAsync();
    }
}
