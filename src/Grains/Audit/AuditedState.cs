using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// A grain's durable state whose changes are audited. <see cref="SaveAsync(AuditRecord)"/> commits
/// the change with its side writes — its audit record and, with a <paramref name="source"/>, the
/// catalogue line and register entries — in one transaction (<see cref="IChangeStore"/>): all of
/// it is stored, or none of it and the caller gets the failure.
/// Rows stored before changes committed this way may still carry audit records or register
/// entries not yet in their tables, and a file's catalogue line may be behind (a rebuild run
/// meanwhile; the catalogue sweeper wakes such files): the first call of an activation commits
/// them, with the state, before anything else.
/// </summary>
internal sealed class AuditedState<TState>(IGrainBase owner, string stateName, IChangeStore changes, ISideWriteSource<TState>? source = null)
    where TState : IAuditedState
{
    private readonly CommittedState<TState> _durable = new(owner, stateName, changes);

    public TState Value => _durable.Value;

    public bool Exists => _durable.Exists;

    public async ValueTask EnsureCurrentAsync()
    {
        if (await _durable.EnsureCurrentAsync() && Exists && await HasLeftoversAsync())
        {
            await SaveAsync();
        }
    }

    private async ValueTask<bool> HasLeftoversAsync() =>
        Value.PendingAudit.Count > 0 || (source is not null && (source.HasUnwrittenRegister(Value) || await source.LineIsBehindAsync(Value)));

    public Task SaveAsync(AuditRecord record) => CommitAsync(record);

    /// <summary>Stores a change whose audit entry another grain writes (the one that asked for it).</summary>
    public Task SaveAsync() => CommitAsync(null);

    private async Task CommitAsync(AuditRecord? record)
    {
        // What goes to the side tables leaves the state before it is written: the stored row holds
        // the file, never a copy of what its tables hold. A failed commit reads the state again.
        List<AuditRecord> audit = [.. Value.PendingAudit];
        if (record is not null)
        {
            audit.Add(record);
        }
        Value.PendingAudit.Clear();
        var writes = new SideWrites(audit, source?.CatalogueLine(Value), source?.TakeUnwrittenRegister(Value));
        await _durable.SaveAsync(writes);
        source?.Written(Value, writes);
    }
}
