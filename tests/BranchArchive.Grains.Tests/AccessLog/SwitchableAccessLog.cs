using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Tests.AccessLog;

/// <summary>The real access log, which a test can make unwritable, as a full disk or a lost connection would.</summary>
public sealed class SwitchableAccessLog(IAccessLog inner, AccessLogOutage outage) : IAccessLog
{
    public IReadOnlyList<string> Chains => inner.Chains;

    public Task RecordAsync(AccessRecord record, CancellationToken cancellationToken = default) =>
        outage.Down ? throw new IOException("The access log is unavailable (test outage).") : inner.RecordAsync(record, cancellationToken);

    public Task<AccessPage> QueryAsync(AccessLogQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task<AuditChainCheck> VerifyAsync(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default) =>
        inner.VerifyAsync(chain, from, anchors, cancellationToken);

    public Task<IReadOnlyList<AuditHead>> StartsAsync(CancellationToken cancellationToken = default) => inner.StartsAsync(cancellationToken);

    public Task<AccessPurgeResult> PurgeAsync(DateTimeOffset cutOff, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.PurgeAsync(cutOff, at, cancellationToken);
}

public sealed class AccessLogOutage
{
    public volatile bool Down;
}
