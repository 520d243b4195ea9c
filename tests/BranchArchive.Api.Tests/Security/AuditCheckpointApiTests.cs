using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

/// <summary>
/// The audit log's end is tamper-evident over HTTP: each test edits the database as someone with
/// write access to it (but not the checkpoint key) could, and asks verify.
/// </summary>
public sealed class AuditCheckpointApiTests
{
    [Fact]
    public async Task An_auditor_has_a_checkpoint_written_and_verify_answers_the_head_and_that_checkpoint()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        await WriteEntries(api);
        var auditor = await api.Token("auditor.a", ["auditor"]);

        var checkpoint = await Expect(HttpStatusCode.OK, Checkpoint(api, auditor));
        var verdict = await Expect(HttpStatusCode.OK, api.Get("/api/audit/verify", auditor));

        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        // A head per chain: main (empty on a new archive) and SQLite's one shard chain, which the newest entry ends.
        Assert.Equal(["main", "audit-0"], verdict.GetProperty("heads").EnumerateArray().Select(h => h.GetProperty("chain").GetString()));
        var newest = await AuditTampering.NewestAsync(host.Settings.Storage);
        var head = verdict.GetProperty("heads").EnumerateArray().Single(h => h.GetProperty("chain").GetString() == newest.Chain);
        Assert.Equal((newest.Seq, newest.Hash), (head.GetProperty("seq").GetInt64(), head.GetProperty("hash").GetString()));
        Assert.Equal(checkpoint.GetProperty("number").GetInt64(), verdict.GetProperty("checkpoint").GetProperty("number").GetInt64());
        Assert.Equal(checkpoint.GetProperty("signature").GetString(), verdict.GetProperty("checkpoint").GetProperty("signature").GetString());
        // The request is audited, after the checkpoint it names.
        var entry = Assert.Single((await Expect(HttpStatusCode.OK, api.Get("/api/audit?actor=auditor.a", auditor))).GetProperty("items").EnumerateArray());
        Assert.Equal((AuditActions.WriteCheckpoint, "Ok"), (entry.GetProperty("action").GetString(), entry.GetProperty("outcome").GetString()));
        Assert.StartsWith($"Checkpoint {checkpoint.GetProperty("number").GetInt64()} over main 0, {newest.Chain} {newest.Seq - 1}, access-0 ",
            entry.GetProperty("detail").GetString());
        Assert.Equal(newest.Chain, entry.GetProperty("chain").GetString());
        Assert.Equal(newest.Seq, entry.GetProperty("chainSeq").GetInt64());
        var document = await Expect(HttpStatusCode.OK, api.Get("/openapi/v1.json", null));
        Assert.True(document.GetProperty("paths").GetProperty("/api/audit/checkpoints").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task Deleting_the_last_rows_is_reported()
    {
        await using var host = await ArchiveHost.StartAsync();
        var auditor = await host.Client.Token("auditor", ["auditor"]);
        await WriteEntries(host.Client);
        var sealedAt = SealedSeq(await Expect(HttpStatusCode.OK, Checkpoint(host.Client, auditor)));

        await AuditTampering.DeleteEntriesFromAsync(host.Settings.Storage, Chain, sealedAt - 1);

        var verdict = await Expect(HttpStatusCode.OK, host.Client.Get("/api/audit/verify", auditor));
        Assert.False(verdict.GetProperty("intact").GetBoolean());
        Assert.Equal(sealedAt - 1, verdict.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains("were removed", verdict.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Editing_the_last_row_and_recomputing_its_hash_is_reported()
    {
        await using var host = await ArchiveHost.StartAsync();
        var auditor = await host.Client.Token("auditor", ["auditor"]);
        await WriteEntries(host.Client);
        await Expect(HttpStatusCode.OK, Checkpoint(host.Client, auditor));
        var last = await AuditTampering.LastSeqAsync(host.Settings.Storage, Chain); // the entry recording that request: the next checkpoint covers it
        await Expect(HttpStatusCode.OK, Checkpoint(host.Client, auditor));

        await AuditTampering.RewriteEntryAsync(host.Settings.Storage, Chain, last, actor: "someone.else");

        var verdict = await Expect(HttpStatusCode.OK, host.Client.Get("/api/audit/verify", auditor));
        Assert.False(verdict.GetProperty("intact").GetBoolean());
        Assert.Equal(last, verdict.GetProperty("firstBrokenSeq").GetInt64()); // the checkpoint before vouches for every entry up to it
        Assert.Contains($"entry {last} no longer has the hash a signed checkpoint recorded", verdict.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_forged_checkpoint_is_reported_and_none_is_written_on_top_of_it()
    {
        await using var host = await ArchiveHost.StartAsync();
        var auditor = await host.Client.Token("auditor", ["auditor"]);
        await WriteEntries(host.Client);
        var genuine = await Expect(HttpStatusCode.OK, Checkpoint(host.Client, auditor));
        var number = genuine.GetProperty("number").GetInt64();
        var last = await AuditTampering.LastSeqAsync(host.Settings.Storage, Chain);

        await AuditTampering.ForgeCheckpointAsync(host.Settings.Storage, number + 1, genuine.GetProperty("keyId").GetString()!,
            new AuditHead(Chain, last, await AuditTampering.HashOfAsync(host.Settings.Storage, Chain, last)), DateTimeOffset.UtcNow);

        var verdict = await Expect(HttpStatusCode.OK, host.Client.Get("/api/audit/verify", auditor));
        Assert.False(verdict.GetProperty("intact").GetBoolean());
        Assert.Contains($"Checkpoint {number + 1}'s signature does not verify", verdict.GetProperty("problem").GetString());
        Assert.Equal(number, verdict.GetProperty("checkpoint").GetProperty("number").GetInt64());
        var refusal = await ExpectProblem(HttpStatusCode.Conflict, Checkpoint(host.Client, auditor));
        Assert.Contains($"Checkpoint {number + 1}'s signature does not verify", refusal.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Deleting_the_latest_checkpoint_is_reported_once_the_one_left_is_older_than_the_period_allows()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ArchiveHost.StartAsync(configure: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var auditor = await host.Client.Token("auditor", ["auditor"]); // issued before the clock moves, so still valid after
        await WriteEntries(host.Client);
        var latest = await Expect(HttpStatusCode.OK, Checkpoint(host.Client, auditor));

        await AuditTampering.DeleteCheckpointAsync(host.Settings.Storage, latest.GetProperty("number").GetInt64());
        await AuditTampering.DeleteEntriesFromAsync(host.Settings.Storage, Chain, SealedSeq(latest));
        clock.Advance(new AuditCheckpointOptions().AllowedAge + TimeSpan.FromMinutes(1));

        var verdict = await Expect(HttpStatusCode.OK, host.Client.Get("/api/audit/verify", auditor));
        Assert.False(verdict.GetProperty("intact").GetBoolean());
        Assert.Contains("newer checkpoints were deleted", verdict.GetProperty("problem").GetString());
        // The writer knows the checkpoint it wrote is gone, and writes none over the cut log.
        Assert.Contains("is no longer stored", (await ExpectProblem(HttpStatusCode.Conflict, Checkpoint(host.Client, auditor))).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_embedded_default_keeps_its_generated_key_beside_the_database_and_verifies_its_checkpoints_after_a_restart()
    {
        var settings = await ArchiveSettings.FreshAsync();
        var keyFile = Path.Combine(Path.GetDirectoryName(settings.Storage.Settings.Sqlite.Path)!, AuditCheckpointOptions.GeneratedKeyFileName);
        string keyId;
        await using (var first = await ArchiveHost.StartAsync(settings))
        {
            await WriteEntries(first.Client);
            keyId = (await Expect(HttpStatusCode.OK, Checkpoint(first.Client, await first.Client.Token("auditor", ["auditor"])))).GetProperty("keyId").GetString()!;
        }
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        await using var second = await ArchiveHost.StartAsync(settings);
        var verdict = await Expect(HttpStatusCode.OK, second.Client.Get("/api/audit/verify", await second.Client.Token("auditor", ["auditor"])));

        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        Assert.Equal(keyId, verdict.GetProperty("checkpoint").GetProperty("keyId").GetString());
    }

    private static Task<HttpResponseMessage> Checkpoint(ArchiveClient api, string token) =>
        api.Send(HttpMethod.Post, "/api/audit/checkpoints", token, content: null);

    /// <summary>The hosts here keep their log in SQLite: one chain per shard, audit-0, beside main (empty on a new archive).</summary>
    private const string Chain = "audit-0";

    /// <summary>The head of <see cref="Chain"/> a checkpoint sealed (it seals main and the access log's chains too).</summary>
    private static long SealedSeq(JsonElement checkpoint) =>
        Assert.Single(checkpoint.GetProperty("heads").EnumerateArray(), head => head.GetProperty("chain").GetString() == Chain).GetProperty("seq").GetInt64();

    private static async Task WriteEntries(ArchiveClient api)
    {
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        await api.RegisterFile(clerk, branch);
        await api.RegisterFile(clerk, branch);
    }
}
