using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Writes_beyond_a_users_limit_get_429_while_other_users_and_reads_go_on()
    {
        await using var host = await ArchiveHost.StartAsync(await ArchiveSettings.FreshAsync() with { WriteBurst = 5, WritesPerSecond = 1 });
        var api = host.Client;
        var archivist = await api.Archivist();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await api.Post("/api/branches", archivist, new { code = $"RL{i:D2}", name = "Rate" });
            statuses.Add(response.StatusCode);
        }
        var limited = await ExpectProblem(HttpStatusCode.TooManyRequests, api.Post("/api/branches", archivist, new { code = "RLXX", name = "Rate" }));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) >= 5);
        Assert.False(string.IsNullOrEmpty(limited.GetProperty("detail").GetString()));
        await Expect(HttpStatusCode.OK, api.Get("/api/branches", archivist));
        await Expect(HttpStatusCode.Created, api.Post("/api/branches", await api.Token("other.archivist", ["archivist"]), new { code = "RLOK", name = "Other" }));
    }
}
