using System.Net;
using System.Text.Json;
using BranchArchive.Testing;
using Xunit.Abstractions;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Cluster.Tests;

/// <summary>Three silo processes and an API process on PostgreSQL under load; one silo is killed with SIGKILL.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Files = 24;

    [SkippableFact]
    public async Task Killing_a_silo_under_load_loses_nothing_acknowledged_and_its_files_come_back_within_seconds()
    {
        await using var cluster = await ProductionCluster.StartAsync(silos: 3);
        var (branch, files, clerk) = await PrepareAsync(cluster);
        var load = new LendingLoad(cluster.Api, clerk, files);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var locations = await cluster.FileLocationsAsync();
        var victim = cluster.Silos.MaxBy(s => locations.Values.Count(port => port == s.SiloPort));
        var killedAt = load.Now;
        await cluster.KillAsync(victim.Process);
        await Task.Delay(TimeSpan.FromSeconds(10));
        stop.Cancel();
        await running;

        var affected = files.Where(f => locations.GetValueOrDefault(f) == victim.SiloPort).ToList();
        var outages = affected.Select(f => load.LongestWaitSince(f, killedAt)).OrderBy(t => t).ToList();
        output.WriteLine($"Killed {victim.Process.Name} hosting {affected.Count} of {Files} files.");
        output.WriteLine($"Unavailability of the affected files: longest {outages.LastOrDefault().TotalSeconds:F2} s, " +
            $"median {(outages.Count > 0 ? outages[outages.Count / 2].TotalSeconds : 0):F2} s.");
        var others = files.Except(affected).Select(f => load.LongestWaitSince(f, killedAt)).DefaultIfEmpty().Max();
        output.WriteLine($"Longest wait of a file on a surviving silo meanwhile: {others.TotalSeconds:F2} s.");

        ClusterReport.Write("failover", $"killed 1 of 3 silos hosting {affected.Count} of {Files} files; " +
            $"affected files unavailable for at most {outages.LastOrDefault().TotalSeconds:F2} s (median " +
            $"{(outages.Count > 0 ? outages[outages.Count / 2].TotalSeconds : 0):F2} s); files on surviving silos waited at most {others.TotalSeconds:F2} s");

        Assert.NotEmpty(affected);
        foreach (var file in files.Except(affected))
        {
            Assert.True(load.Records[file].Failures.Count == 0,
                $"File {file} on a surviving silo had failures: {string.Join("; ", load.Records[file].Failures.Take(3))}");
        }
        await AssertNothingLostAndOneLoanAtATime(cluster, files, load);
        Assert.True(outages.Last() < TimeSpan.FromSeconds(3), $"Affected files were unavailable for up to {outages.Last().TotalSeconds:F2} s.");
    }

    internal static async Task<(string Branch, List<string> Files, string Clerk)> PrepareAsync(IArchiveCluster cluster)
    {
        var archivist = Tokens.Sign(cluster.SigningKey, "head.archivist", ["archivist"]);
        var branch = "FO" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await SetUpAsync(() => cluster.Api.Post("/api/branches", archivist, new { code = branch, name = "Failover" }));
        await SetUpAsync(() => cluster.Api.Post($"/api/branches/{branch}/cabinets", archivist, new { code = "C01", name = "Load", capacity = 1000 }));
        var clerk = Tokens.Sign(cluster.SigningKey, "clerk.load", ["clerk"], branch);
        var files = new List<string>();
        for (var i = 0; i < Files; i++)
        {
            var key = Guid.NewGuid().ToString("N"); // a repeat with the key answers the registration it made
            files.Add((await SetUpAsync(() => cluster.Api.Post("/api/files", clerk, FileBody(branch), key))).GetProperty("id").GetString()!);
        }
        return (branch, files, clerk);
    }

    /// <summary>
    /// Creates what the test needs on a cluster just started. Its first calls activate grains cold,
    /// which on a busy two-core machine can outlast the API's 1 s grain-call timeout (a 503 that
    /// says the change may or may not have been made): such a call is repeated, and a 409 then
    /// means the first attempt made it. What the test measures starts only after this.
    /// </summary>
    internal static async Task<JsonElement> SetUpAsync(Func<Task<HttpResponseMessage>> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await create();
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            if (attempt > 1 && response.StatusCode == HttpStatusCode.Conflict)
            {
                return default;
            }
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5, $"Expected 201 but got {(int)response.StatusCode}: {text}");
        }
    }

    /// <summary>
    /// Every acknowledged checkout and return is in the file's audit trail, in order, alternating
    /// (so the file never had two open loans), and the file's state is what the last one left.
    /// </summary>
    internal static async Task AssertNothingLostAndOneLoanAtATime(IArchiveCluster cluster, IEnumerable<string> files, LendingLoad load)
    {
        var api = cluster.Api;
        var auditor = Tokens.Sign(cluster.SigningKey, "auditor", ["auditor"]);
        foreach (var file in files)
        {
            var acknowledged = load.Records[file].Acknowledged;
            var state = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{file}", auditor));
            var last = acknowledged[^1];
            if (last.Kind == "checkout")
            {
                Assert.Equal(last.LoanId, state.GetProperty("loan").GetProperty("loanId").GetString());
            }
            else
            {
                Assert.Equal("OnShelf", state.GetProperty("status").GetString());
            }
            var trail = (await Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={file}&pageSize=500", auditor)))
                .GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("outcome").GetString() == "Ok")
                .Select(e => (Kind: e.GetProperty("action").GetString() == "file.checkout" ? "checkout" : "return",
                              Detail: e.GetProperty("detail").GetString()!))
                .ToList();
            Assert.Equal(acknowledged.Count, trail.Count);
            for (var i = 0; i < trail.Count; i++)
            {
                Assert.Equal(i % 2 == 0 ? "checkout" : "return", trail[i].Kind);
                Assert.Equal(acknowledged[i].Kind, trail[i].Kind);
                Assert.Contains(acknowledged[i].LoanId, trail[i].Detail);
            }
        }
    }
}
