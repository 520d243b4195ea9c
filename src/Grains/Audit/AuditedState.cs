using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// A grain's durable state whose changes are audited. <see cref="SaveAsync(AuditRecord)"/> stores
/// the change with its side writes — its audit record and, with a <paramref name="source"/>, the
/// catalogue line and register entries — held in the state itself, so nothing acknowledged can
/// lack them. Where the store can (SQLite), the side writes go into their tables in the state
/// write's own transaction; elsewhere right after it. Once written they leave the state in memory
/// (and its stored row with the next write). If they could not be written, the change still
/// stands and they are written later: on the grain's next call, on its next activation, or by a
/// retry timer. Writing them twice is harmless (see <see cref="SideWrites"/>).
/// </summary>
internal sealed partial class AuditedState<TState>(
    IPersistentState<TState> storage, ISideWriter sides, IGrainBase owner, ILogger logger, ISideWriteSource<TState>? source = null)
    where TState : IAuditedState
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(30);

    private readonly DurableState<TState> _durable = new(storage);
    private IGrainTimer? _retry;

    // The catalogue line is written after each change and once per activation: on PostgreSQL a
    // crash may have come between the state write and the line, and on either store the
    // catalogue sweeper wakes files whose line is behind (rows from before joined writes, a
    // rebuild run meanwhile) so that they write it.
    private long _changes;
    private long _lineWrittenAt = -1;

    public TState Value => _durable.Value;

    public bool Exists => _durable.Exists;

    public async ValueTask EnsureCurrentAsync()
    {
        await ReloadIfStaleAsync();
        if (Value.PendingAudit.Count > 0 || (source is not null && Exists && (_lineWrittenAt != _changes || source.HasUnwrittenRegister(Value))))
        {
            await TryWriteSideWritesAsync();
        }
    }

    /// <summary>Reads the state again after a failed write (its line may then be behind).</summary>
    private async ValueTask ReloadIfStaleAsync()
    {
        if (await _durable.EnsureCurrentAsync())
        {
            _lineWrittenAt = -1;
        }
    }

    public async Task SaveAsync(AuditRecord record)
    {
        Value.PendingAudit.Add(record);
        await SaveAsync();
    }

    /// <summary>Stores a change whose audit entry another grain writes (the one that asked for it).</summary>
    public async Task SaveAsync()
    {
        _changes++;
        if (sides.JoinsStateWrites)
        {
            var collected = Collect(withLine: true);
            bool taken;
            using (var joined = sides.JoinNextStateWrite(collected.Writes))
            {
                await _durable.SaveAsync();
                taken = joined.Taken;
            }
            if (taken)
            {
                Written(collected);
                return;
            }
            LogNotJoined(owner.GrainContext.GrainId.ToString()); // stored with the state all the same: written next
        }
        else
        {
            await _durable.SaveAsync();
        }
        await TryWriteSideWritesAsync();
    }

    private async Task TryWriteSideWritesAsync()
    {
        try
        {
            var collected = Collect(withLine: Exists && _lineWrittenAt != _changes);
            await sides.WriteAsync(collected.Writes);
            Written(collected);
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception exception)
        {
            LogSideWritesDeferred(exception, Value.PendingAudit.Count, owner.GrainContext.GrainId.ToString());
            _retry ??= owner.RegisterGrainTimer(_ => RetryAsync(),
                new GrainTimerCreationOptions(RetryPeriod, RetryPeriod) { KeepAlive = true });
        }
    }

    /// <summary>
    /// The timer's retry. A change whose state write failed since is still in memory: the state is
    /// read again first, or its side writes would be made for a change that was never stored.
    /// </summary>
    private async Task RetryAsync()
    {
        await ReloadIfStaleAsync();
        await TryWriteSideWritesAsync();
    }

    /// <summary>The side writes the state holds now, with the change they belong to.</summary>
    private Collected Collect(bool withLine) => new(new SideWrites(
        [.. Value.PendingAudit],
        withLine && source is not null ? source.CatalogueLine(Value) : null,
        source?.UnwrittenRegister(Value)), _changes);

    private void Written(Collected collected)
    {
        var (writes, change) = collected;
        // Records added since they were collected stay (by identity: two records may be equal).
        var written = writes.Audit.ToHashSet(ReferenceEqualityComparer.Instance);
        Value.PendingAudit.RemoveAll(written.Contains);
        if (writes.CatalogueLine is not null)
        {
            _lineWrittenAt = change;
        }
        source?.Written(Value, writes);
    }

    private readonly record struct Collected(SideWrites Writes, long Change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} audit record(s), the catalogue line or register entries of {Grain} stay stored with its state until they can be written")]
    private partial void LogSideWritesDeferred(Exception exception, int count, string grain);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state write of {Grain} did not carry its side writes; they are written after it")]
    private partial void LogNotJoined(string grain);
}
