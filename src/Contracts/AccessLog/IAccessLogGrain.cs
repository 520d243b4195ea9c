using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.AccessLog;

/// <summary>
/// The access log as seen from outside the silos: who may ask what (auditors and head office
/// everything; a manager only their own branch's files; clerks nothing), and its verification.
/// A stateless worker: any silo answers.
/// </summary>
public interface IAccessLogGrain : IGrainWithIntegerKey
{
    [SafeToRetry]
    Task<ArchiveResult<AccessPage>> Query(AccessLogQuery query, Actor actor);

    [SafeToRetry]
    Task<ArchiveResult<AuditVerification>> Verify(Actor actor);

    /// <summary>Records an export (one record per export, before its rows are handed out); throws <see cref="AccessLogUnavailableException"/> when it cannot.</summary>
    Task RecordExport(string kind, string query, long rows, string? branch, Actor actor);
}

/// <summary>
/// The access log could not be written, so the read it was to record discloses nothing (the API
/// answers 503): a system of record shows nothing without its record.
/// </summary>
[GenerateSerializer, Alias("access-log-unavailable")]
public sealed class AccessLogUnavailableException : Exception
{
    public AccessLogUnavailableException() : base("The access log could not record this read.") { }

    public AccessLogUnavailableException(string message) : base(message) { }

    public AccessLogUnavailableException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Purges the access log's records older than the retention, for the cluster: every purge
/// period (a grain timer started with the silo) and when called. Each purge is audited.
/// </summary>
public interface IAccessLogKeeperGrain : IGrainWithIntegerKey
{
    Task Start();

    /// <summary>Purges now; answers how many records were removed.</summary>
    Task<long> Purge();
}
