using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>What the archive's console log looks like to an operator, in both formats, from a real process.</summary>
public sealed partial class LogTests
{
    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    public async Task Every_line_has_a_timestamp_and_each_request_has_a_line_with_its_trace_id(string format)
    {
        await using var archive = await ArchiveProcess.StartAsync(await ArchiveSettings.FreshAsync(),
            new() { ["Logging:Console:FormatterName"] = format });
        var api = archive.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var id = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString();

        // The caller's trace context is the request's: its trace id must be on the request's line.
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/files/{id}/checkout") { Content = JsonContent.Create(Checkout()) };
        checkout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clerk);
        checkout.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using (var answer = await api.Http.SendAsync(checkout))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        bool IsRequestLine(string line) => line.Contains(trace, StringComparison.Ordinal) && line.Contains("HttpLoggingMiddleware", StringComparison.Ordinal);
        var output = await LinesUntil(archive, IsRequestLine);
        var requestLine = Assert.Single(output, IsRequestLine);
        Assert.Contains($"/api/files/{id}/checkout", requestLine);
        Assert.Contains("200", requestLine);
        var lines = output.Where(line => line.Length > 0).ToList();
        foreach (var line in lines)
        {
            if (format == "json")
            {
                using var entry = JsonDocument.Parse(line);
                Assert.Matches(Timestamp(), entry.RootElement.GetProperty("Timestamp").GetString());
            }
            else
            {
                Assert.Matches(Timestamp(), line);
            }
        }
        // Orleans' placement retries go through Polly, which logged every attempt at Information.
        Assert.DoesNotContain(lines, line => line.Contains("Polly", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> LinesUntil(ArchiveProcess archive, Func<string, bool> seen)
    {
        var waited = Stopwatch.StartNew();
        while (!archive.Output.Any(seen) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        return archive.Output;
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")]
    private static partial Regex Timestamp();
}
