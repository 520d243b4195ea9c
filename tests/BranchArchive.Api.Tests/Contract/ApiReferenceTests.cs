using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BranchArchive.Api.Tests.Support;

namespace BranchArchive.Api.Tests.Contract;

/// <summary>
/// The browsable API reference at /reference: served by the archive from its own files, it loads
/// the archive's document and nothing from anywhere else (checked in a real Chromium).
/// </summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class ApiReferenceTests(SqliteArchiveHostFixture fixture)
{
    [SkippableFact]
    public async Task The_reference_loads_the_document_and_nothing_from_outside_the_archive()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Skip.If(chromium is null && Environment.GetEnvironmentVariable("CI") != "true", "Chromium is not installed (tools/openapi/install.sh installs it).");
        Assert.True(chromium is not null, "CI must check the API reference in Chromium: tools/openapi/install.sh did not install it.");
        using (var page = await fixture.Client.Http.GetAsync("/reference/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        var archive = fixture.Client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var work = Directory.CreateTempSubdirectory("branch-archive-reference-");
        try
        {
            var netLog = Path.Combine(work.FullName, "net.json");
            var screenshot = Path.Combine(work.FullName, "reference.png");
            var (exitCode, output) = await Run(chromium!,
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", $"--user-data-dir={work.FullName}/profile",
                // Nothing outside this machine could answer anyway; the log still shows every request the page makes.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", $"--log-net-log={netLog}",
                "--virtual-time-budget=20000", "--window-size=1400,1000", $"--screenshot={screenshot}", $"{archive}/reference/");
            Assert.True(exitCode == 0, output);

            // Requests the page made carry its origin as initiator; the browser's own (updates and the like) carry none.
            var requested = ((JsonArray)JsonNode.Parse(await File.ReadAllTextAsync(netLog))!["events"]!)
                .Select(e => e!["params"])
                .Where(p => p?["url"] is not null && p["initiator"]?.GetValue<string>() is { } initiator && initiator.StartsWith("http", StringComparison.Ordinal))
                .Select(p => p!["url"]!.GetValue<string>()).Distinct().ToList();
            Assert.Contains($"{archive}/openapi/v1.json", requested);
            Assert.Contains(requested, url => url.EndsWith("/reference/scalar.js", StringComparison.Ordinal));
            Assert.All(requested, url => Assert.StartsWith(archive + "/", url));
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the reference rendered nothing");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await errors);
    }
}
