using System.Diagnostics;
using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using Xunit.Abstractions;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 7: refused requests grow the audit log by a bounded number of records per person.</summary>
public sealed class DenialLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_person_refused_again_and_again_gets_429_and_the_log_grows_by_the_burst_and_one_record()
    {
        // The production defaults (appsettings.json): 20 in a row, then 10 a minute.
        await using var host = await ArchiveHost.StartAsync(await ArchiveSettings.FreshAsync() with { DenialBurst = 20 });
        var api = host.Client;
        var (home, elsewhere) = (await api.OpenBranchWithCabinet(), await api.OpenBranchWithCabinet());
        var file = (await api.RegisterFile(await api.Clerk(home), home)).GetProperty("id").GetString();
        var prober = await api.Clerk(elsewhere);
        const int attempts = 500;

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            using var response = await api.Get($"/api/files/{file}", prober);
            statuses.Add(response.StatusCode);
        }
        clock.Stop();
        var limited = await ExpectProblem(HttpStatusCode.TooManyRequests, api.Get($"/api/files/{file}", prober));
        var logged = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?actor=clerk.{elsewhere.ToLowerInvariant()}&pageSize=500", await api.Archivist()));
        var records = logged.GetProperty("items").EnumerateArray().ToList();
        output.WriteLine($"{attempts} refused reads in {clock.Elapsed.TotalSeconds:F1} s: {statuses.Count(s => s == HttpStatusCode.Forbidden)} × 403, " +
            $"{statuses.Count(s => s == HttpStatusCode.TooManyRequests)} × 429, {records.Count} audit records.");

        var refills = (int)Math.Ceiling(clock.Elapsed.TotalSeconds / 6) + 1; // 10 a minute
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Forbidden), 20, 20 + refills);
        Assert.InRange(records.Count, 21, 21 + refills);
        Assert.Single(records, r => r.GetProperty("action").GetString() == "access.throttled");
        Assert.NotNull(limited.GetProperty("detail").GetString());
        // Someone else is not slowed down.
        await Expect(HttpStatusCode.OK, api.Get($"/api/files/{file}", await api.Clerk(home)));
    }
}
