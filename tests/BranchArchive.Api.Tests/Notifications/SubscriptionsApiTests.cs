using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Notifications;

/// <summary>
/// Subscriptions to notices over HTTP: who may subscribe for which branch, the signing secret shown
/// once, outbound URLs checked (SSRF), refusals that change nothing and are audited.
/// </summary>
public abstract class SubscriptionsApiTests(ArchiveHostFixture fixture)
{
    private const string Subscriptions = "/api/notifications/subscriptions";

    private ArchiveClient Api => fixture.Client;

    private Task<string> Manager(string branch) => Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);

    private static object Webhook(string? branch, string target = "https://hooks.example.com/archive") =>
        new { branch, channel = "Webhook", target, kinds = new[] { "DueSoon", "Overdue" } };

    [SkippableFact]
    public async Task A_manager_subscribes_a_webhook_for_their_branch_and_sees_its_secret_once()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var manager = await Manager(branch);

        using var response = await Api.Post(Subscriptions, manager, Webhook(branch));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
        var created = await Expect(HttpStatusCode.Created, Task.FromResult(response));
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("subscription").GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.True(secret.Length >= 40, "A secret of 256 random bits.");
        Assert.Equal(response.Headers.Location?.ToString(), $"{Subscriptions}/{id}");

        var again = await Api.Get($"{Subscriptions}/{id}", manager);
        var body = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain(secret, body);
        var listed = await Api.Get($"{Subscriptions}?branch={branch}", manager);
        var list = await listed.Content.ReadAsStringAsync();
        Assert.Contains(id, list);
        Assert.DoesNotContain(secret, list);
        var audit = await (await Api.Get($"/api/audit?action=notices.subscribe&branch={branch}", await Api.Archivist())).Content.ReadAsStringAsync();
        Assert.Contains(id, audit);
        Assert.DoesNotContain(secret, audit);

        var log = await Expect(HttpStatusCode.OK, Api.Get($"{Subscriptions}/{id}/deliveries", manager));
        Assert.Equal(0, log.GetProperty("total").GetInt64());
        var paused = await Expect(HttpStatusCode.OK, Api.Post($"{Subscriptions}/{id}/disable", manager, new { }));
        Assert.False(paused.GetProperty("enabled").GetBoolean());
        await Expect(HttpStatusCode.OK, Api.Send(HttpMethod.Delete, $"{Subscriptions}/{id}", manager, null));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"{Subscriptions}/{id}", manager));
    }

    [SkippableFact]
    public async Task Head_office_subscribes_for_every_branch_and_e_mail_takes_an_address_language_and_digest()
    {
        var admin = await Api.Token("admin.notices", ["admin"]);
        var created = await Expect(HttpStatusCode.Created, Api.Post(Subscriptions, admin,
            new { branch = (string?)null, channel = "Email", target = "archive-desk@example.com", language = "en", dailyDigest = true }));
        var subscription = created.GetProperty("subscription");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("secret").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, subscription.GetProperty("branch").ValueKind);
        Assert.Equal(("en", true), (subscription.GetProperty("language").GetString(), subscription.GetProperty("dailyDigest").GetBoolean()));
        var all = await Api.Get(Subscriptions, await Api.Archivist());
        Assert.Contains(subscription.GetProperty("id").GetString()!, await all.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Refusals_change_nothing_and_say_nothing_of_another_branchs_subscriptions()
    {
        var (branch, other) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var manager = await Manager(branch);
        var theirs = (await Expect(HttpStatusCode.Created, Api.Post(Subscriptions, await Manager(other), Webhook(other))))
            .GetProperty("subscription").GetProperty("id").GetString()!;

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post(Subscriptions, manager, Webhook(other)));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post(Subscriptions, manager, Webhook(null)));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post(Subscriptions, await Api.Clerk(branch), Webhook(branch)));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post(Subscriptions, await Api.Token("auditor.notices", ["auditor"]), Webhook(null)));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"{Subscriptions}?branch={other}", manager));
        // Another branch's subscription is "not found", exactly as one that does not exist.
        var hidden = await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"{Subscriptions}/{theirs}", manager));
        var missing = await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"{Subscriptions}/sub_nosuchthing", manager));
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        await ExpectProblem(HttpStatusCode.NotFound, Api.Send(HttpMethod.Delete, $"{Subscriptions}/{theirs}", manager, null));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Post($"{Subscriptions}/{theirs}/disable", manager, new { }));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"{Subscriptions}/{theirs}/deliveries", manager));
        Assert.DoesNotContain(theirs, await (await Api.Get(Subscriptions, manager)).Content.ReadAsStringAsync());

        var still = await Expect(HttpStatusCode.OK, Api.Get($"{Subscriptions}/{theirs}", await Manager(other)));
        Assert.True(still.GetProperty("enabled").GetBoolean());
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"{Subscriptions}?branch={branch}", manager))).EnumerateArray());
        var denials = await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?outcome=Forbidden&actor={Uri.EscapeDataString($"manager.{branch.ToLowerInvariant()}")}", await Api.Archivist()));
        Assert.True(denials.GetProperty("items").GetArrayLength() >= 4, denials.ToString());
    }

    [SkippableTheory]
    [InlineData("http://127.0.0.1:9/hook", "loopback")]
    [InlineData("https://localhost/hook", "localhost")]
    [InlineData("https://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [InlineData("https://10.1.2.3/hook", "10.1.2.3")]
    [InlineData("https://[::1]/hook", "::1")]
    [InlineData("https://192.168.1.5/hook", "192.168.1.5")]
    [InlineData("ftp://hooks.example.com/hook", "http")]
    [InlineData("not a url", "URL")]
    public async Task A_webhook_to_an_inward_or_malformed_address_is_refused_with_a_reason_and_nothing_stored(string target, string reason)
    {
        var branch = await Api.OpenBranchWithCabinet();
        var manager = await Manager(branch);
        var problem = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post(Subscriptions, manager, Webhook(branch, target)));
        Assert.Contains(reason, problem.GetProperty("detail").GetString() + problem.GetProperty("errors").GetProperty("target")[0].GetString());
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"{Subscriptions}?branch={branch}", manager))).EnumerateArray());
    }

    [SkippableFact]
    public async Task Bad_e_mail_subscriptions_are_refused_with_the_field_named()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var manager = await Manager(branch);
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { branch, channel = "Email", target = "not-an-address" }, "target"),
                     (new { branch, channel = "Email", target = "desk@example.com", language = "fr" }, "language"),
                     (new { branch, channel = "Webhook", target = "https://hooks.example.com/x", dailyDigest = true }, "dailyDigest"),
                     (new { branch, target = "desk@example.com" }, "channel"),
                 })
        {
            var problem = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post(Subscriptions, manager, body));
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"{Subscriptions}?branch={branch}", manager))).EnumerateArray());
    }

    [SkippableFact]
    public async Task The_dead_letter_list_and_replay_are_for_admins()
    {
        var admin = await Api.Token("admin.notices", ["admin"]);
        await Expect(HttpStatusCode.OK, Api.Get("/api/notifications/deliveries/parked", admin));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get("/api/notifications/deliveries/parked", await Api.Archivist()));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Post("/api/notifications/deliveries/parked/replay?subscription=sub_x&notice=ntc_y", admin, new { }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post("/api/notifications/deliveries/parked/replay?subscription=sub_x", admin, new { }));
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class SubscriptionsApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : SubscriptionsApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class SubscriptionsApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : SubscriptionsApiTests(fixture);
