using System.Net;
using BranchArchive.Testing;
using Xunit.Abstractions;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// A notice survives the kill -9 of the silo sending it: two silo processes and an API process on
/// PostgreSQL; the receiver holds the first delivery open while the silo that runs the dispatcher is
/// killed with SIGKILL between the event and its delivery.
/// </summary>
public sealed class NoticeDeliveryFailoverTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Killing_the_silo_that_is_delivering_a_notice_loses_nothing_and_a_receiver_deduplicating_by_id_sees_it_once()
    {
        // The first request is held open (no answer), so the delivery is in flight when its silo dies.
        await using var receiver = await WebhookReceiver.StartAsync(attempt => attempt == 1 ? null : 200);
        await using var cluster = await ProductionCluster.StartAsync(silos: 2, new Dictionary<string, string?>
        {
            ["Notifications:AllowPrivateTargets"] = "true", // the receiver is on this host
            ["Notifications:RequireHttps"] = "false",
            ["Notifications:DispatchPeriod"] = "00:00:01",
            ["Notifications:SendTimeout"] = "00:02:00", // longer than the test: only the kill ends the held request
            ["Notifications:FirstRetryDelay"] = "00:00:01",
            ["Notifications:MaxRetryDelay"] = "00:00:02",
        });
        var api = cluster.Api;
        var archivist = Tokens.Sign(cluster.SigningKey, "head.archivist", ["archivist"]);
        var branch = "ND" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        // Set-up on a cold cluster may meet a 503 (grains activating); it is repeated (see FailoverTests.SetUpAsync).
        await FailoverTests.SetUpAsync(() => api.Post("/api/branches", archivist, new { code = branch, name = "Notices" }));
        await FailoverTests.SetUpAsync(() => api.Post($"/api/branches/{branch}/cabinets", archivist, new { code = "C01", name = "Notices", capacity = 10 }));
        var key = Guid.NewGuid().ToString("N");
        var file = (await FailoverTests.SetUpAsync(() => api.Post("/api/files", archivist, FileBody(branch), key))).GetProperty("id").GetString()!;
        var subscription = (await Expect(HttpStatusCode.Created, api.Post("/api/notifications/subscriptions", archivist,
            new { branch, channel = "Webhook", target = receiver.Url.ToString() }))).GetProperty("subscription").GetProperty("id").GetString()!;

        // The event: the file is declared missing, which tells its home branch.
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{file}/missing", archivist, new { note = "Not in its cabinet" }));
        await receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(60));
        var sender = await cluster.GrainLocationAsync("noticedispatcher");
        var victim = cluster.Silos.Single(s => s.SiloPort == sender);
        await cluster.KillAsync(victim.Process);
        output.WriteLine($"Killed {victim.Process.Name} while it delivered notice {receiver.Requests[0].Id}.");

        // A surviving silo takes the dispatcher over and sends the delivery it finds still pending.
        await receiver.WaitForRequestsAsync(2, TimeSpan.FromSeconds(90));
        var notice = (await Expect(HttpStatusCode.OK, api.Get($"/api/notifications?branch={branch}", archivist))).GetProperty("items")
            .EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "DeclaredMissing").GetProperty("id").GetString();
        Assert.All(receiver.Requests, request => Assert.Equal(notice, request.Id));
        Assert.Equal([notice!], receiver.Accepted);
        var log = await WaitForDeliveredAsync(api, archivist, subscription);
        output.WriteLine($"Delivery log after the failover: {log}");
    }

    /// <summary>The log says Delivered once the surviving silo has stored the receiver's 2xx (it may lag the request by a moment).</summary>
    private static async Task<System.Text.Json.JsonElement> WaitForDeliveredAsync(ArchiveClient api, string token, string subscription)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var log = (await Expect(HttpStatusCode.OK, api.Get($"/api/notifications/subscriptions/{subscription}/deliveries", token))).GetProperty("items").EnumerateArray().Single();
            if (log.GetProperty("status").GetString() == "Delivered")
            {
                Assert.Equal(1, log.GetProperty("attempts").GetInt32()); // the attempt the kill cut short was never recorded
                return log;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }
}
