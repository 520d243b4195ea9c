using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

public sealed class AuditApiTests
{
    [Fact]
    public async Task Changes_and_denials_over_http_are_in_the_log_with_actor_and_request_id()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var id = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        await ExpectProblem(HttpStatusCode.Forbidden, api.Post($"/api/files/{id}/checkout", await api.Clerk("ZZ01"), Checkout()));
        var auditor = await api.Token("auditor.a", ["auditor"]);
        await ExpectProblem(HttpStatusCode.Forbidden, api.Post("/api/branches", auditor, new { code = "AU99", name = "Nope" }));

        var forFile = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={id}", auditor));
        var byAuditor = await Expect(HttpStatusCode.OK, api.Get("/api/audit?actor=auditor.a", auditor));

        var entries = forFile.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["file.register", "file.checkout", "file.checkout"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["Created", "Ok", "Forbidden"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal("clerk.zz01", entries[2].GetProperty("actor").GetString());
        Assert.All(entries, e => Assert.Equal(32, e.GetProperty("requestId").GetString()!.Length));
        var denied = Assert.Single(byAuditor.GetProperty("items").EnumerateArray());
        Assert.Equal("Forbidden", denied.GetProperty("outcome").GetString());
        Assert.StartsWith("http POST /api/branches", denied.GetProperty("action").GetString());
        Assert.True((await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", auditor))).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task The_log_filters_by_action_and_outcome_and_reads_newest_first()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var id = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var loan = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        await ExpectProblem(HttpStatusCode.Forbidden, api.Post($"/api/files/{id}/checkout", await api.Clerk("ZZ01"), Checkout()));
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/return", clerk,
            new { loanId = loan.GetProperty("loanId").GetString(), condition = "Intact" }));
        var auditor = await api.Token("auditor.a", ["auditor"]);

        static List<string?> Column(System.Text.Json.JsonElement page, string name) =>
            page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty(name).GetString()).ToList();
        var checkouts = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={id}&action=file.checkout", auditor));
        var refused = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={id}&outcome=Forbidden", auditor));
        var newest = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={id}&newestFirst=true", auditor));

        Assert.Equal(["Ok", "Forbidden"], Column(checkouts, "outcome"));
        Assert.Equal(["clerk.zz01"], Column(refused, "actor"));
        Assert.Equal(["file.return", "file.checkout", "file.checkout", "file.register"], Column(newest, "action"));
        var problem = await ExpectProblem(HttpStatusCode.BadRequest, api.Get("/api/audit?outcome=Denied", auditor));
        Assert.Contains("Forbidden", problem.GetProperty("errors").GetProperty("outcome")[0].GetString());
    }

    [Fact]
    public async Task Tampering_with_one_row_makes_verify_name_that_row()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        for (var i = 0; i < 5; i++)
        {
            await api.RegisterFile(clerk, branch);
        }
        var admin = await api.Token("admin.a", ["admin"]);
        Assert.True((await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", admin))).GetProperty("intact").GetBoolean());

        await Tamper(host.Settings.Storage, "UPDATE AuditLog SET Actor = 'someone.else' WHERE Seq = 4");

        var verdict = await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", admin));
        Assert.False(verdict.GetProperty("intact").GetBoolean());
        Assert.Equal(4, verdict.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Fact]
    public async Task Removing_a_row_makes_verify_name_the_gap()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        await api.RegisterFile(await api.Clerk(branch), branch);
        await api.RegisterFile(await api.Clerk(branch), branch);

        await Tamper(host.Settings.Storage, "DELETE FROM AuditLog WHERE Seq = 2");

        var verdict = await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", await api.Token("auditor", ["auditor"])));
        Assert.False(verdict.GetProperty("intact").GetBoolean());
        Assert.Equal(3, verdict.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Fact]
    public async Task The_log_refuses_ordinary_updates()
    {
        await using var host = await ArchiveHost.StartAsync();
        await host.Client.OpenBranchWithCabinet();

        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => host.Settings.Storage.ExecuteAsync("UPDATE AuditLog SET Actor = 'x'"));

        Assert.Contains("append-only", refusal.Message);
    }

    /// <summary>What someone with write access to the database file could do: drop the guards and edit.</summary>
    private static async Task Tamper(TestStorage storage, string sql) =>
        await storage.ExecuteAsync($"DROP TRIGGER AuditLog_NoUpdate; DROP TRIGGER AuditLog_NoDelete; {sql};");
}
