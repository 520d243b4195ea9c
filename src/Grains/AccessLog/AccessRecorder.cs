using System.Diagnostics;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.AccessLog;

/// <summary>
/// Writes a read into the access log and waits until it is durable, so nothing is disclosed
/// without its record. If the log cannot be written, the read fails with
/// <see cref="AccessLogUnavailableException"/> (the API answers 503).
/// </summary>
public sealed partial class AccessRecorder(IAccessLog log, IOptions<AccessLogOptions> options, TimeProvider clock, ILogger<AccessRecorder> logger)
{
    private static readonly ActivitySource Tracing = new("BranchArchive.AccessLog"); // as the storage layer's group writes

    public async Task RecordAsync(Actor actor, string kind, string? fileId, long? fileNumber, string? fileBranch, string? query = null, long? rows = null)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var activity = Tracing.StartActivity("access-log record");
        activity?.SetTag("archive.access.kind", kind);
        activity?.SetTag("archive.file.id", fileId);
        var record = new AccessRecord(clock.GetUtcNow(), actor.Subject, actor.RoleNames, actor.Branch, kind, fileId, fileNumber, fileBranch,
            actor.Purpose, query, rows, RequestContext.Get(AuditContext.RequestIdKey) as string);
        try
        {
            await log.RecordAsync(record);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogFailed(exception, kind, fileId, actor.Subject);
            // The cause stays in the silo's log: the caller learns only that nothing was disclosed.
            throw new AccessLogUnavailableException("The access log could not record this read, so nothing was disclosed. Try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The access log could not record a read ({Kind} of {FileId} by {Subject}); the read was refused")]
    private partial void LogFailed(Exception exception, string kind, string? fileId, string subject);
}
