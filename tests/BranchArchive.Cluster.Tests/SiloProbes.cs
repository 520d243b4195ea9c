using System.Diagnostics;
using System.Net;
using BranchArchive.Testing;

namespace BranchArchive.Cluster.Tests;

/// <summary>What Kubernetes and Prometheus ask of a silo process, on its HTTP port.</summary>
internal static class SiloProbes
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Polls /health/ready until it answers 200 and returns how long that took. Whenever it
    /// answers, /health/live must answer 200 too (a silo that is starting is alive).
    /// </summary>
    public static async Task<TimeSpan> WaitUntilReadyAsync(ProductionCluster cluster, ProgramProcess silo)
    {
        var started = Stopwatch.StartNew();
        var http = cluster.HttpOf(silo);
        while (true)
        {
            Assert.False(silo.HasExited, $"{silo.Name} exited:{Environment.NewLine}{silo.RecentOutput}");
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(90), $"{silo.Name} was not ready within 90 s:{Environment.NewLine}{silo.RecentOutput}");
            try
            {
                using var ready = await Http.GetAsync(new Uri(http, "/health/ready"));
                using var live = await Http.GetAsync(new Uri(http, "/health/live"));
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return started.Elapsed;
                }
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The silo's Prometheus scrape carries the archive's operations with second-scale buckets.</summary>
    public static async Task AssertServesMetricsAsync(ProductionCluster cluster, ProgramProcess silo)
    {
        var text = await Http.GetStringAsync(new Uri(cluster.HttpOf(silo), "/metrics"));
        Assert.Contains("# TYPE archive_operation_duration_seconds histogram", text);
        Assert.Contains("archive_operation_duration_seconds_bucket{", text);
        Assert.Contains("le=\"0.005\"", text);
        Assert.Contains("archive_operations_total{", text);
    }
}
