using System.Globalization;
using System.Net;
using System.Text.Json;
using BranchArchive.Testing;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// The operators' view (GET /api/cluster, the web app's cluster page) on the production topology:
/// separate silo processes and the API as their client. It reports every silo as active; a silo
/// killed a moment ago, still listed as active, does not take the view down; a stopped one is no
/// longer active.
/// </summary>
public sealed class ClusterViewTests
{
    [SkippableFact]
    public async Task Every_silo_is_reported_active_a_killed_one_does_not_take_the_view_down_and_a_stopped_one_leaves_the_active_list()
    {
        await using var cluster = await ProductionCluster.StartAsync(silos: 3);
        var admin = Tokens.Sign(cluster.SigningKey, "ops.admin", ["admin"]);
        var ports = cluster.Silos.Select(s => s.SiloPort).Order().ToList();

        var view = await ArchiveClient.Expect(HttpStatusCode.OK, cluster.Api.Get("/api/cluster", admin));

        Assert.Equal(ports, PortsOf(view, "Active").Order());
        Assert.All(view.GetProperty("silos").EnumerateArray(), silo => Assert.True(silo.GetProperty("activations").GetInt32() > 0));
        // The management grain's own activation is counted somewhere in the cluster.
        Assert.Contains(view.GetProperty("grainTypes").EnumerateArray(), t => t.GetProperty("grainType").GetString() == "ManagementGrain");
        await ArchiveClient.ExpectProblem(HttpStatusCode.Forbidden,
            cluster.Api.Get("/api/cluster", Tokens.Sign(cluster.SigningKey, "ops.archivist", ["archivist"])));

        // Killed without warning: the membership table lists it as active until the others vote it
        // dead, and it answers no statistics. The view still answers, with the others' figures.
        var killed = cluster.Silos[2];
        await cluster.KillAsync(killed.Process);
        var meanwhile = await ArchiveClient.Expect(HttpStatusCode.OK, cluster.Api.Get("/api/cluster", admin));
        var listed = meanwhile.GetProperty("silos").EnumerateArray().Single(s => PortOf(s) == killed.SiloPort);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("activations").ValueKind);
        Assert.All(meanwhile.GetProperty("silos").EnumerateArray().Where(s => PortOf(s) != killed.SiloPort),
            silo => Assert.True(silo.GetProperty("activations").GetInt32() > 0));
        await cluster.WaitForActiveSilosAsync(2);

        await cluster.StopAsync(cluster.Silos[1].Process);
        await cluster.WaitForActiveSilosAsync(1);
        var after = await ArchiveClient.Expect(HttpStatusCode.OK, cluster.Api.Get("/api/cluster", admin));

        Assert.Equal([cluster.Silos[0].SiloPort], PortsOf(after, "Active"));
        Assert.Contains(killed.SiloPort, PortsOf(after, "Dead"));
        Assert.Contains(cluster.Silos[1].SiloPort, PortsOf(after, "ShuttingDown", "Stopping", "Dead"));
    }

    /// <summary>Silo ports of the silos the view lists with one of these statuses.</summary>
    private static IEnumerable<int> PortsOf(JsonElement view, params string[] statuses) =>
        view.GetProperty("silos").EnumerateArray().Where(s => statuses.Contains(s.GetProperty("status").GetString())).Select(PortOf);

    /// <summary>"127.0.0.1:11111@123456789" → 11111.</summary>
    private static int PortOf(JsonElement silo) =>
        int.Parse(silo.GetProperty("address").GetString()!.Split('@')[0].Split(':')[^1], CultureInfo.InvariantCulture);
}
