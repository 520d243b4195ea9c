using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// A grain's durable state whose changes are audited: <see cref="SaveAsync"/> stores the change
/// together with its audit record, then moves the record to the audit log. If the log cannot be
/// written, the change still stands (its record is stored with it) and the record is moved later:
/// on the grain's next call, on its next activation, or by a retry timer. An optional
/// <paramref name="project"/> (the catalogue) runs the same way after every write: it must be
/// idempotent, as it may run again for the same state.
/// </summary>
internal sealed partial class AuditedState<TState>(
    IPersistentState<TState> storage, IAuditLog log, IGrainBase owner, ILogger logger, Func<TState, Task>? project = null)
    where TState : IAuditedState
{
    private bool _projected;

    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(30);

    private readonly DurableState<TState> _durable = new(storage);
    private IGrainTimer? _retry;

    public TState Value => _durable.Value;

    public bool Exists => _durable.Exists;

    public async ValueTask EnsureCurrentAsync()
    {
        await _durable.EnsureCurrentAsync();
        if (Value.PendingAudit.Count > 0 || (!_projected && project is not null && Exists))
        {
            await TryMoveToLogAsync();
        }
    }

    public async Task SaveAsync(AuditRecord record)
    {
        Value.PendingAudit.Add(record);
        _projected = false;
        await _durable.SaveAsync();
        await TryMoveToLogAsync();
    }

    /// <summary>Stores a change whose audit entry another grain writes (the one that asked for it).</summary>
    public async Task SaveAsync()
    {
        _projected = false;
        await _durable.SaveAsync();
        await TryMoveToLogAsync();
    }

    private async Task TryMoveToLogAsync()
    {
        try
        {
            if (Value.PendingAudit.Count > 0)
            {
                await log.AppendAsync(Value.PendingAudit.ToList());
                // Cleared in memory only: the next state write stores the empty list; until then a
                // re-activation appends the same records again, which the log skips by EntryId.
                Value.PendingAudit.Clear();
            }
            if (project is not null && Exists && !_projected)
            {
                await project(Value);
                _projected = true;
            }
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception exception)
        {
            LogAuditDeferred(exception, Value.PendingAudit.Count, owner.GrainContext.GrainId.ToString());
            _retry ??= owner.RegisterGrainTimer(_ => TryMoveToLogAsync(),
                new GrainTimerCreationOptions(RetryPeriod, RetryPeriod) { KeepAlive = true });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} audit record(s) and the catalogue line of {Grain} stay stored with its state until they can be written")]
    private partial void LogAuditDeferred(Exception exception, int count, string grain);
}
