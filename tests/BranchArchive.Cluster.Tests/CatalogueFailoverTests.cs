using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BranchArchive.Testing;
using Xunit.Abstractions;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// Head office's catalogue is written in the same transaction as each file's change: a silo killed
/// with SIGKILL in the middle of thousands of random operations leaves no line that disagrees with
/// its file, and a rebuild from the stored files changes nothing.
/// </summary>
public sealed class CatalogueFailoverTests(ITestOutputHelper output)
{
    private const int Files = 60;
    private const int Operations = 3_000;

    [SkippableFact]
    public async Task After_thousands_of_random_operations_and_a_killed_silo_the_catalogue_agrees_with_every_file()
    {
        await using var cluster = await ProductionCluster.StartAsync(silos: 3);
        var archivist = Tokens.Sign(cluster.SigningKey, "head.archivist", ["archivist"]);
        var branch = "CF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await FailoverTests.SetUpAsync(() => cluster.Api.Post("/api/branches", archivist, new { code = branch, name = "Catalogue failover" }));
        await FailoverTests.SetUpAsync(() => cluster.Api.Post($"/api/branches/{branch}/cabinets", archivist, new { code = "C01", name = "Random", capacity = 10_000 }));
        var clerk = Tokens.Sign(cluster.SigningKey, "clerk.random", ["clerk"], branch);
        var files = new List<string>();
        for (var i = 0; i < Files; i++)
        {
            files.Add(await Register(cluster.Api, clerk, branch));
        }
        var random = new Random(20261123);
        var operations = Enumerable.Range(0, Operations).Select(_ => (File: files[random.Next(files.Count)], Roll: random.Next(100))).ToList();

        var registered = new ConcurrentQueue<string>();
        var done = 0;
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (operation, _) =>
        {
            if (Interlocked.Increment(ref done) == Operations / 2)
            {
                await cluster.KillAsync(cluster.Silos[^1].Process);
            }
            await Apply(cluster.Api, clerk, branch, operation.File, operation.Roll, registered);
        });

        var auditor = Tokens.Sign(cluster.SigningKey, "auditor", ["auditor"]);
        var before = await Lines(cluster.Api, auditor, branch);
        var problems = await Disagreements(cluster.Api, auditor, before, files.Concat(registered).Distinct());
        output.WriteLine($"{Operations} operations ({registered.Count} registrations), a silo killed after {Operations / 2}; {problems.Count} disagreements.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(10)));

        var rebuilt = await cluster.RebuildCatalogueAsync();
        var after = await Lines(cluster.Api, auditor, branch);
        Assert.True(rebuilt >= files.Count);
        Assert.Equal(before.OrderBy(l => l.Key).Select(l => l.Value.GetRawText()), after.OrderBy(l => l.Key).Select(l => l.Value.GetRawText()));
    }

    /// <summary>One random act on a file, as a client would send it: mostly checkouts and returns, sometimes a new file.</summary>
    private static async Task Apply(ArchiveClient api, string clerk, string branch, string fileId, int roll, ConcurrentQueue<string> registered)
    {
        if (roll < 5)
        {
            registered.Enqueue(await Register(api, clerk, branch));
            return;
        }
        var state = await UntilAnswered(() => api.Get($"/api/files/{fileId}", clerk));
        if (state.TryGetProperty("loan", out var loan) && loan.ValueKind == JsonValueKind.Object)
        {
            var condition = roll < 8 ? "Damaged" : "Intact";
            await UntilAnswered(Keyed(key => api.Post($"/api/files/{fileId}/return", clerk, new { loanId = loan.GetProperty("loanId").GetString(), condition }, key)));
        }
        else
        {
            await UntilAnswered(Keyed(key => api.Post($"/api/files/{fileId}/checkout", clerk, Checkout("zhang.san", days: 1 + roll % 30), key)));
        }
    }

    private static async Task<string> Register(ArchiveClient api, string clerk, string branch) =>
        (await UntilAnswered(Keyed(key => api.Post("/api/files", clerk, FileBody(branch), key)))).GetProperty("id").GetString()!;

    /// <summary>One Idempotency-Key for every attempt of a change: a repeat answers what the first attempt did.</summary>
    private static Func<Task<HttpResponseMessage>> Keyed(Func<string, Task<HttpResponseMessage>> send)
    {
        var key = Guid.NewGuid().ToString("N");
        return () => send(key);
    }

    /// <summary>
    /// Requests caught by the killed silo fail (5xx or a broken connection); like a careful client,
    /// try again. A refusal (a 409 when another operation got to the file first) is an answer; a
    /// request the archive finds malformed or unauthorised is the test's mistake.
    /// </summary>
    private static async Task<JsonElement> UntilAnswered(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode < 500)
                {
                    Assert.False(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                        or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {text}");
                    return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                }
                Assert.True(attempt < 20, $"Still {(int)response.StatusCode} after {attempt} attempts: {text}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && attempt < 20)
            {
            }
            await Task.Delay(100 * Math.Min(attempt, 5));
        }
    }

    /// <summary>The branch's catalogue lines, by file id, as head office's inventory search answers them.</summary>
    private static async Task<Dictionary<string, JsonElement>> Lines(ArchiveClient api, string token, string branch)
    {
        var lines = new Dictionary<string, JsonElement>();
        for (var page = 1; ; page++)
        {
            var answer = await Expect(HttpStatusCode.OK, api.Get($"/api/inventory/files?branch={branch}&page={page}&pageSize=500", token));
            foreach (var item in answer.GetProperty("items").EnumerateArray())
            {
                lines.Add(item.GetProperty("id").GetString()!, item);
            }
            if (page * answer.GetProperty("pageSize").GetInt32() >= answer.GetProperty("total").GetInt64())
            {
                return lines;
            }
        }
    }

    /// <summary>
    /// Where a catalogue line and its file disagree. A line whose file the test does not know of
    /// (its registration's answer was lost with the killed silo) is compared like the others; a
    /// line is wrong on its own only if no file is stored under its id.
    /// </summary>
    private static async Task<List<string>> Disagreements(ArchiveClient api, string token, Dictionary<string, JsonElement> lines, IEnumerable<string> known)
    {
        var problems = new List<string>();
        foreach (var id in known.Union(lines.Keys))
        {
            using var response = await api.Get($"/api/files/{id}", token);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                problems.Add($"{id}: {(lines.ContainsKey(id) ? "a catalogue line without a file" : "an acknowledged registration without a file")}");
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/files/{id}: {(int)response.StatusCode} {text}");
            var file = JsonDocument.Parse(text).RootElement;
            if (!lines.TryGetValue(id, out var line))
            {
                problems.Add($"{id}: no catalogue line");
                continue;
            }
            var dueAt = file.TryGetProperty("loan", out var loan) && loan.ValueKind == JsonValueKind.Object ? loan.GetProperty("dueAt").GetDateTimeOffset() : (DateTimeOffset?)null;
            var expected = (file.GetProperty("fileNumber").GetInt64(), file.GetProperty("status").GetString(), file.GetProperty("branch").GetString(),
                file.GetProperty("cabinet").GetString(), dueAt, file.GetProperty("importance").GetString(), file.GetProperty("customer").GetProperty("name").GetString());
            var actual = (line.GetProperty("fileNumber").GetInt64(), line.GetProperty("status").GetString(), line.GetProperty("branch").GetString(),
                line.GetProperty("cabinet").GetString(), line.TryGetProperty("dueAt", out var due) && due.ValueKind != JsonValueKind.Null ? due.GetDateTimeOffset() : (DateTimeOffset?)null,
                line.GetProperty("importance").GetString(), line.GetProperty("customerName").GetString());
            if (expected != actual)
            {
                problems.Add($"{id}: file {expected} but catalogue {actual}");
            }
        }
        return problems;
    }
}
