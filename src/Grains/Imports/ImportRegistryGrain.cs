using BranchArchive.Contracts.Imports;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Imports;

public sealed class ImportRegistryState
{
    public List<string> Running { get; set; } = [];
}

public sealed partial class ImportRegistryGrain(
    [PersistentState(StateNames.ImportRegistry, StateNames.Provider)] IPersistentState<ImportRegistryState> storage,
    ILogger<ImportRegistryGrain> logger) : Grain, IImportRegistryGrain
{
    private readonly DurableState<ImportRegistryState> _registry = new(storage);

    public async Task Add(string jobId)
    {
        await _registry.EnsureCurrentAsync();
        if (!_registry.Value.Running.Contains(jobId))
        {
            _registry.Value.Running.Add(jobId);
            await _registry.SaveAsync();
        }
    }

    public async Task Remove(string jobId)
    {
        await _registry.EnsureCurrentAsync();
        if (_registry.Value.Running.Remove(jobId))
        {
            await _registry.SaveAsync();
        }
    }

    public async Task WakeAll()
    {
        await _registry.EnsureCurrentAsync();
        foreach (var jobId in _registry.Value.Running.ToList())
        {
            try
            {
                if (!await GrainFactory.GetGrain<IImportJobGrain>(jobId).Resume())
                {
                    _registry.Value.Running.Remove(jobId); // it ended, but could not say so then
                    await _registry.SaveAsync();
                }
            }
            catch (Exception exception)
            {
                LogWakeFailed(exception, jobId); // its reminder (PostgreSQL) or the next start tries again
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import job {JobId} could not be woken")]
    private partial void LogWakeFailed(Exception exception, string jobId);
}
