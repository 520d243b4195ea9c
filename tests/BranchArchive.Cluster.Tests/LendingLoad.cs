using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BranchArchive.Testing;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// A steady checkout/return load: one worker per file, each repeating checkout then return. Every
/// request carries an Idempotency-Key and a failed one is repeated with the same key until it is
/// acknowledged, as a careful client would; what was acknowledged, and when requests failed, is
/// recorded for the assertions.
/// </summary>
public sealed class LendingLoad(ArchiveClient api, string token, IReadOnlyList<string> files)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, FileRecord> _records = files.ToDictionary(f => f, _ => new FileRecord());

    public sealed class FileRecord
    {
        public List<(string Kind, string LoanId)> Acknowledged { get; } = [];
        public List<(TimeSpan At, string Why)> Failures { get; } = [];
        public List<TimeSpan> Successes { get; } = [];

        /// <summary>For each acknowledged operation: when its first attempt started and how long until it was acknowledged.</summary>
        public List<(TimeSpan Start, TimeSpan Took)> Operations { get; } = [];
    }

    public IReadOnlyDictionary<string, FileRecord> Records => _records;

    public TimeSpan Now => _clock.Elapsed;

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(files.Select(file => Task.Run(() => WorkAsync(file, stop))));

    /// <summary>
    /// How long the file could not be lent or taken back around <paramref name="moment"/>: the
    /// longest wait, from an operation's first attempt to its acknowledgement, among operations
    /// still unacknowledged at that moment or started after it.
    /// </summary>
    public TimeSpan LongestWaitSince(string file, TimeSpan moment) =>
        _records[file].Operations.Where(o => o.Start + o.Took >= moment).Select(o => o.Took).DefaultIfEmpty().Max();

    private async Task WorkAsync(string file, CancellationToken stop)
    {
        var record = _records[file];
        while (!stop.IsCancellationRequested)
        {
            var loan = await UntilAcknowledged(record, $"/api/files/{file}/checkout", new { borrower = "load", purpose = "failover test", days = 7 });
            record.Acknowledged.Add(("checkout", loan.GetProperty("loanId").GetString()!));
            await Task.Delay(Pause, CancellationToken.None);
            var loanId = record.Acknowledged[^1].LoanId;
            await UntilAcknowledged(record, $"/api/files/{file}/return", new { loanId, condition = "Intact" });
            record.Acknowledged.Add(("return", loanId));
            await Task.Delay(Pause, CancellationToken.None);
        }
    }

    private async Task<JsonElement> UntilAcknowledged(FileRecord record, string path, object body)
    {
        var key = Guid.NewGuid().ToString("N");
        var started = Now;
        while (true)
        {
            try
            {
                using var response = await api.Post(path, token, body, key);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    record.Successes.Add(Now);
                    record.Operations.Add((started, Now - started));
                    return JsonDocument.Parse(text).RootElement.Clone();
                }
                if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
                {
                    // The request itself is refused: repeating it cannot help, and would hold the test
                    // until its timeout with nothing said.
                    throw new InvalidOperationException($"POST {path} was refused: {(int)response.StatusCode} {text}");
                }
                record.Failures.Add((Now, $"{(int)response.StatusCode} {text}"));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                record.Failures.Add((Now, exception.Message));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
