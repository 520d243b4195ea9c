using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>The real audit log, which a test can make unwritable, as a full disk or a lost connection would.</summary>
public sealed class SwitchableAuditLog(IAuditLog inner, AuditOutage outage) : IAuditLog
{
    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        outage.Down ? throw new IOException("The audit log is unavailable (test outage).") : inner.AppendAsync(records, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public IReadOnlyList<string> Chains => inner.Chains;

    public Task<AuditChainCheck> VerifyAsync(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken = default) =>
        inner.VerifyAsync(chain, from, anchors, cancellationToken);

    public Task<long> EntriesOutsideChainsAsync(CancellationToken cancellationToken = default) => inner.EntriesOutsideChainsAsync(cancellationToken);

    public Task<bool> AppendCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        outage.Down ? throw new IOException("The audit log is unavailable (test outage).") : inner.AppendCheckpointAsync(checkpoint, cancellationToken);

    public Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(bool latestOnly, CancellationToken cancellationToken = default) =>
        inner.CheckpointsAsync(latestOnly, cancellationToken);

    /// <summary>Both ways to the log fail while down: direct appends and the side writes of stored changes.</summary>
    public static void Install(ISiloBuilder silo, AuditOutage outage)
    {
        silo.Services.Decorate<IAuditLog>(log => new SwitchableAuditLog(log, outage));
        SwitchableSideWriter.Install(silo, audit: outage);
    }
}

public sealed class AuditOutage
{
    public volatile bool Down;
}
