using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using BranchArchive.Api.Hosting;
using BranchArchive.Contracts.Inspections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Bench;

/// <summary>The real API app with its embedded silo, on loopback ports only; shared by the benchmark commands.</summary>
public static class ApiHost
{
    /// <summary>The default Cluster:ServiceId: rows under another id are invisible to the API.</summary>
    public const string ServiceId = "branch-archive";

    /// <summary>
    /// Starts the API and its silo, and returns once the silo's start-up work is done (see
    /// <see cref="WaitForStartupWalkAsync"/>): <c>Startup</c> is how long that took after the API listened.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address, TimeSpan Startup)> StartAsync(BenchDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
    {
        // Development: the benchmarks sign in with dev tokens, which the API serves nowhere else.
        var app = ArchiveApi.Build(["--environment=Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(database.ToConfiguration())
            {
                ["Cluster:ServiceId"] = ServiceId,
                ["Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Cluster:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Auth:DevTokens"] = "true",
                ["Circulation:AllowUnlistedBorrowers"] = "true", // the benchmarks lend to made-up borrowers, far past any limit
                ["Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                // One writer makes every request of the load test; production allows 50/s per person.
                ["Api:WriteRateLimit:Burst"] = "1000000",
                ["Api:WriteRateLimit:PerSecond"] = "1000000",
                // The grains log every checkout at Information; under load that console output would be measured too.
                ["Logging:LogLevel:Default"] = "Warning",
                // The catalogue sweeper's full scan would otherwise land in the middle of the
                // measurements; background notices likewise.
                ["Catalogue:FirstSweepAfter"] = "1.00:00:00",
                ["Circulation:NoticeSweepPeriod"] = "1.00:00:00",
            });
            if (extra is not null)
            {
                builder.Configuration.AddInMemoryCollection(extra);
            }
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address), await WaitForStartupWalkAsync(app));
    }

    /// <summary>
    /// A silo's start walks every cabinet to arm its inspection reminder (a one-way start-up task:
    /// on a freshly loaded archive, one activation, state write and reminder per cabinet, thousands
    /// of them). The benchmarks measure a running archive, so they wait for that walk, as they put
    /// off the sweeper: the walk's own call, made again, answers once the first walk is through.
    /// </summary>
    private static async Task<TimeSpan> WaitForStartupWalkAsync(WebApplication app)
    {
        var started = Stopwatch.GetTimestamp();
        var scheduler = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IInspectionSchedulerGrain>(0);
        while (true)
        {
            try
            {
                await scheduler.ArmAllNow();
                return Stopwatch.GetElapsedTime(started);
            }
            catch (TimeoutException)
            {
                // Queued behind the start-up walk for longer than a call may wait: ask again.
            }
        }
    }

    /// <summary>Asks the dev-token endpoint for an archivist's token and sets it on <paramref name="http"/>.</summary>
    public static async Task AuthorizeAsync(HttpClient http, string subject)
    {
        using var token = await http.PostAsJsonAsync("/dev/token", new { sub = subject, roles = new[] { "archivist" } });
        token.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
