using BranchArchive.Testing;
using System.Net;
using System.Text;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

public sealed class FuzzTests
{
    private const int Requests = 3000;

    [Fact]
    public async Task Thousands_of_malformed_requests_get_no_500_change_nothing_and_leave_the_audit_chain_intact()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var manager = await api.Token("fuzz.manager", ["manager"], branch);
        var clerk = await api.Clerk(branch);
        var fileId = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString()!;
        var before = await Snapshot(api, branch, fileId);
        var generator = new MalformedRequestGenerator(seed: 20261122, branch, fileId);
        var tokens = new[] { clerk, manager, await api.Archivist(), await api.Token("fuzz.admin", ["admin"]) };

        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var (method, path, body) = generator.Next();
            using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
            HttpResponseMessage response;
            try
            {
                // A fresh connection each: Kestrel closes a connection whose oversize body it refused
                // unread, and a POST sent on such a connection fails before the server sees it.
                response = await api.Send(method, path, tokens[i % tokens.Length], content, closeConnection: true);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"#{i} {method} {Shorten(path)} {Shorten(body)} ({body?.Length}) -> {e.Message}");
                continue;
            }
            using var _ = response;
            var status = (int)response.StatusCode;
            if (status >= 500 || (status < 400 && method != HttpMethod.Get))
            {
                failures.Add($"#{i} {method} {Shorten(path)} {Shorten(body)} -> {status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await Snapshot(api, branch, fileId));
        var verdict = await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", await api.Token("fuzz.auditor", ["auditor"])));
        Assert.True(verdict.GetProperty("intact").GetBoolean());
    }

    /// <summary>Everything a malformed request could have changed, as text to compare.</summary>
    private static async Task<string> Snapshot(ArchiveClient api, string branch, string fileId)
    {
        var archivist = await api.Archivist();
        var file = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{fileId}", archivist));
        var branches = await Expect(HttpStatusCode.OK, api.Get("/api/branches", archivist));
        var cabinet = await Expect(HttpStatusCode.OK, api.Get($"/api/branches/{branch}/cabinets/C01", archivist));
        var changes = await Expect(HttpStatusCode.OK, api.Get("/api/audit?pageSize=500", archivist));
        var acknowledged = changes.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() is "Ok" or "Created");
        return JsonSerializer.Serialize(new { file, branches, cabinet, acknowledged });
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}
