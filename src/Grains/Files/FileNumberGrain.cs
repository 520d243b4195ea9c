using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

public sealed class FileNumberState
{
    public long LastIssued { get; set; }
}

/// <summary>
/// One activation in the whole cluster issues every file number. A number is answered only once a
/// stored write covers it, but callers do not each wait for a write of their own: numbers asked
/// for while a write is under way are covered together by the next one (reentrant, so they can
/// queue up meanwhile). An import registering many files at once is then not held to one file per
/// disk commit. If a write fails, its callers get the failure and the next caller first reads
/// what was really stored, so no number is ever issued twice.
/// </summary>
[Orleans.Concurrency.Reentrant]
public sealed class FileNumberGrain(
    [PersistentState(StateNames.FileNumbers, StateNames.Provider)] IPersistentState<FileNumberState> storage)
    : Grain, IFileNumberGrain
{
    private long _promised;   // the highest number handed to a caller, stored or being stored
    private long _stored;     // the highest number a finished write stored
    private Task? _writing;
    private Task? _reading;   // set from the start and after a failed write: nothing is promised until it is done

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _promised = _stored = storage.State.LastIssued;
        return Task.CompletedTask;
    }

    public async Task<long> Next()
    {
        while (_reading is not null)
        {
            await _reading;
        }
        var mine = ++_promised;
        while (_stored < mine)
        {
            if (_writing is not { IsCompleted: false })
            {
                _writing = WriteUpToPromisedAsync();
            }
            await _writing;
        }
        return mine;
    }

    /// <summary>Stores every number promised so far in one write.</summary>
    private async Task WriteUpToPromisedAsync()
    {
        var target = _promised;
        storage.State.LastIssued = target;
        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            _reading = ReadAgainAsync();
            throw;
        }
        _stored = target;
    }

    private async Task ReadAgainAsync()
    {
        await Task.Yield(); // after the failed write's callers have their answer
        try
        {
            await storage.ReadStateAsync();
            _promised = _stored = storage.State.LastIssued;
        }
        finally
        {
            _reading = null;
        }
    }
}
