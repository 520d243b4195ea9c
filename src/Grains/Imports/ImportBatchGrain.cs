using BranchArchive.Contracts.Imports;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Imports;

public sealed class ImportBatchState
{
    public List<ImportRow> Rows { get; set; } = [];
    public bool Done { get; set; }
    public List<ImportIssue> Issues { get; set; } = [];
}

public sealed class ImportBatchGrain(
    [PersistentState(StateNames.ImportBatch, StateNames.Provider)] IPersistentState<ImportBatchState> storage) : Grain, IImportBatchGrain
{
    private readonly DurableState<ImportBatchState> _batch = new(storage);

    public async Task Store(IReadOnlyList<ImportRow> rows)
    {
        await _batch.EnsureCurrentAsync();
        if (_batch.Exists)
        {
            return; // the same job id means the same CSV, so the same rows
        }
        _batch.Value.Rows = [.. rows];
        await _batch.SaveAsync();
    }

    public async Task<IReadOnlyList<ImportRow>?> Rows()
    {
        await _batch.EnsureCurrentAsync();
        return _batch.Exists ? _batch.Value.Rows : null;
    }

    public async Task Complete(IReadOnlyList<ImportIssue> issues)
    {
        await _batch.EnsureCurrentAsync();
        _batch.Value.Issues = [.. issues];
        _batch.Value.Done = true;
        await _batch.SaveAsync();
        DeactivateOnIdle(); // its rows are not needed again unless the report is read
    }

    public async Task Forget()
    {
        await _batch.EnsureCurrentAsync();
        if (_batch.Exists && _batch.Value.Rows.Count > 0)
        {
            _batch.Value.Rows = [];
            await _batch.SaveAsync();
        }
    }

    public async Task<IReadOnlyList<ImportIssue>> Issues()
    {
        await _batch.EnsureCurrentAsync();
        return _batch.Value.Issues;
    }
}
