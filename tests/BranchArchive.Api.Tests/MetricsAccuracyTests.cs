using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Api.Tests;

/// <summary>
/// The exporter collects every archive meter in the process, so a test that counts operations
/// runs after all others, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "measured alone";
}

[Collection(MeasuredAloneCollection.Name)]
public sealed partial class MetricsAccuracyTests
{
    private const int Checkouts = 200;

    [Fact]
    public async Task P50_and_p99_read_from_the_scrape_agree_with_measured_checkouts_within_one_bucket()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var files = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            files.Add((await api.RegisterFile(clerk, branch)).GetProperty("id").GetString()!);
        }
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var actor = new Actor($"clerk.{branch.ToLowerInvariant()}", StaffRoles.Clerk, branch);

        // Timed around the grain call: what the histogram times plus an in-process call's overhead.
        var measured = new List<double>();
        for (var round = 0; measured.Count < Checkouts; round++)
        {
            var file = grains.GetGrain<ICustomerFileGrain>(files[round % files.Count]);
            var started = Stopwatch.GetTimestamp();
            var loan = await file.CheckOut(new CheckoutCommand("zhang.san", "Contract renewal", 14), actor, null);
            measured.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            Assert.True(loan.Succeeded, loan.Detail);
            Assert.True((await file.Return(new ReturnCommand(loan.Value!.LoanId, ReturnCondition.Intact, null), actor, null)).Succeeded);
        }

        var buckets = CheckoutBuckets(await api.Http.GetStringAsync("/metrics"));
        Assert.Equal(ArchiveHistograms.Latency.Append(double.PositiveInfinity), buckets.Select(b => b.UpperBound));
        Assert.Equal(Checkouts, buckets[^1].Count);
        measured.Sort();
        foreach (var q in new[] { 0.5, 0.99 })
        {
            var fromScrape = buckets.FindIndex(b => b.Count >= q * Checkouts);
            var value = measured[(int)Math.Ceiling(q * Checkouts) - 1];
            var fromMeasurement = buckets.FindIndex(b => value <= b.UpperBound);
            Assert.True(Math.Abs(fromScrape - fromMeasurement) <= 1,
                $"p{q * 100}: the scrape says at most {buckets[fromScrape].UpperBound} s, measured {value:F4} s (bucket up to {buckets[fromMeasurement].UpperBound} s).");
        }
    }

    /// <summary>The cumulative buckets of successful checkouts, in order of their upper bounds.</summary>
    private static List<(double UpperBound, long Count)> CheckoutBuckets(string scrape) =>
        BucketLine().Matches(scrape)
            .Where(m => m.Groups["labels"].Value.Contains("operation=\"CheckOut\"") && m.Groups["labels"].Value.Contains("outcome=\"Ok\""))
            .Select(m => (UpperBound: m.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups["le"].Value, CultureInfo.InvariantCulture),
                          Count: long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .OrderBy(b => b.UpperBound)
            .ToList();

    [GeneratedRegex("""^archive_operation_duration_seconds_bucket\{(?<labels>[^}]*)le="(?<le>[^"]+)"\} (?<count>\d+)""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
