using BranchArchive.Testing;
using Xunit.Abstractions;

namespace BranchArchive.Cluster.Tests;

/// <summary>Operators add a silo under load and take one away gracefully, without a failed request.</summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_fourth_silo_takes_new_files_and_a_graceful_stop_fails_no_request()
    {
        await using var cluster = await ProductionCluster.StartAsync(silos: 3);
        var (branch, files, clerk) = await FailoverTests.PrepareAsync(cluster);
        var load = new LendingLoad(cluster.Api, clerk, files);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        var fourth = cluster.StartSilo();
        // Kubernetes routes to and counts a silo once /health/ready answers: by then it must be an
        // active member of the cluster, not merely listening.
        var readyAfter = await SiloProbes.WaitUntilReadyAsync(cluster, fourth);
        Assert.Contains(cluster.Silos[^1].SiloPort, await cluster.ActiveSiloPortsAsync());
        output.WriteLine($"The fourth silo answered ready {readyAfter.TotalSeconds:F1} s after it started.");
        await cluster.WaitForActiveSilosAsync(4);
        var newcomer = cluster.Silos[^1].SiloPort;
        for (var i = 0; i < 24; i++)
        {
            await cluster.Api.RegisterFile(clerk, branch);
        }
        var locations = await cluster.FileLocationsAsync();
        var onNewcomer = locations.Values.Count(port => port == newcomer);
        output.WriteLine($"After the fourth silo joined, {onNewcomer} of {locations.Count} file activations live on it.");

        var leaving = cluster.Silos[0].Process;
        await cluster.StopAsync(leaving);
        await cluster.WaitForActiveSilosAsync(3);
        await Task.Delay(TimeSpan.FromSeconds(3));
        stop.Cancel();
        await running;

        Assert.True(onNewcomer > 0, "No file activation was placed on the new silo.");
        await SiloProbes.AssertServesMetricsAsync(cluster, fourth);
        var failures = files.SelectMany(f => load.Records[f].Failures.Select(x => $"{f}: {x.Why}")).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
        await FailoverTests.AssertNothingLostAndOneLoanAtATime(cluster, files, load);
        var longest = files.Select(f => load.LongestWaitSince(f, TimeSpan.Zero)).Max();
        output.WriteLine($"Longest wait for a checkout or return during the graceful stop: {longest.TotalSeconds:F2} s.");
        ClusterReport.Write("scale-out", $"{onNewcomer} of {locations.Count} file activations on the added silo; " +
            $"graceful stop of one silo: 0 failed requests, longest wait {longest.TotalSeconds:F2} s");
    }
}
