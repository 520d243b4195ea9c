using BranchArchive.Contracts.Audit;

namespace BranchArchive.Persistence.Audit;

/// <summary>
/// Appends that arrive while another append of this process is being written wait for it, then go
/// to the log together in one transaction. The chain has one end, so appends are one at a time
/// across the cluster (PostgreSQL: an advisory lock); grouping them costs one lock, one read of
/// the chain's end and one commit per group instead of per change. (SQLite needs no such layer:
/// its one writer already commits whatever queued together.) Every caller is answered only when
/// the transaction holding its records has committed, or with its failure.
/// </summary>
public sealed class GroupedAuditLog(IAuditLog log) : IAuditLog
{
    private readonly Lock _lock = new();
    private List<Waiting> _queued = [];
    private bool _writing;

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }
        var waiting = new Waiting(records);
        lock (_lock)
        {
            _queued.Add(waiting);
            if (!_writing)
            {
                // Written off the caller's thread (a grain's turn): under steady load the loop
                // never runs dry, and no caller should wait for more than its own group.
                _writing = true;
                _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
            }
        }
        await waiting.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Waiting> group;
            lock (_lock)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (group, _queued) = (_queued, []);
            }
            try
            {
                await log.AppendAsync([.. group.SelectMany(w => w.Records)]);
                group.ForEach(w => w.Answer.TrySetResult());
            }
            catch (Exception failure)
            {
                group.ForEach(w => w.Answer.TrySetException(failure));
            }
        }
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        log.QueryAsync(query, cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => log.VerifyAsync(cancellationToken);

    private sealed record Waiting(IReadOnlyList<AuditRecord> Records)
    {
        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
