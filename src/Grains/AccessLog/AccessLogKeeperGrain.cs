using System.Globalization;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.AccessLog;

/// <summary>
/// Keeps the access log to its retention: a purge at start and every <see cref="AccessLogOptions.PurgePeriod"/>
/// (a grain timer on the silos' clock, as the sweepers run), on the <see cref="TimeProvider"/> for
/// the cut-off. A purge that removed anything is an audit record with the count, the cut-off and
/// where each chain now starts, so the purge markers verification starts from can be checked
/// against the hash-chained audit log.
/// </summary>
public sealed partial class AccessLogKeeperGrain(IAccessLog accessLog, IAuditLog audit, IOptions<AccessLogOptions> options,
    TimeProvider clock, ILogger<AccessLogKeeperGrain> logger) : Grain, IAccessLogKeeperGrain
{
    private static readonly Actor Retention = new("system:access-log-retention", StaffRoles.None, null);

    private IGrainTimer? _timer;

    public Task Start()
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
        }
        _timer ??= this.RegisterGrainTimer(async _ => await PurgeOrLog(),
            new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.PurgePeriod) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<long> Purge()
    {
        var now = clock.GetUtcNow();
        var cutOff = now - options.Value.Retention;
        var result = await accessLog.PurgeAsync(cutOff, now);
        if (result.Removed > 0)
        {
            var starts = string.Join(", ", result.NewStarts.Select(Describe));
            await audit.AppendAsync([AuditRecords.Of(Retention, AuditActions.PurgeAccessLog, null, null, Outcome.Ok,
                $"Removed {result.Removed} access-log records older than {AuditChainText(cutOff)} (retention {options.Value.Retention.TotalDays.ToString("0", CultureInfo.InvariantCulture)} days). " +
                $"Chains now start at: {starts}.", clock)]);
            LogPurged(result.Removed, cutOff);
        }
        return result.Removed;
    }

    /// <summary>How a purge's audit entry names where a chain now starts; verification looks for exactly this text.</summary>
    public static string Describe(AuditHead start) => $"{start.Chain} from entry {start.Seq} (linking to {start.Hash})";

    private async Task PurgeOrLog()
    {
        try
        {
            await Purge();
        }
        catch (Exception exception)
        {
            LogPurgeFailed(exception); // the next period tries again
        }
    }

    private static string AuditChainText(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access log purged: {Removed} records older than {CutOff} removed")]
    private partial void LogPurged(long removed, DateTimeOffset cutOff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging the access log failed; the next period tries again")]
    private partial void LogPurgeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "AccessLog:Enabled is false: reads of customer files are NOT recorded. Only benchmarks and tests may run so; set AccessLog:Enabled=true in production.")]
    private partial void LogDisabled();
}
