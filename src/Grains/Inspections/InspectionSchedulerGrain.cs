using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Inspections;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Inspections;

/// <summary>
/// Re-arms every cabinet's inspection reminder from durable state (the branch directory, each
/// branch's cabinets). Needed on the embedded default, whose reminders live in memory; harmless on
/// PostgreSQL, where re-registering a reminder that exists only updates it.
/// </summary>
public sealed partial class InspectionSchedulerGrain(ILogger<InspectionSchedulerGrain> logger) : Grain, IInspectionSchedulerGrain
{
    public async Task ArmAll()
    {
        try
        {
            await ArmAllNow();
        }
        catch (Exception exception)
        {
            LogArmFailed(exception); // cabinets arm themselves on their next use; the next start walks again
        }
    }

    public async Task<int> ArmAllNow()
    {
        var armed = 0;
        foreach (var code in await GrainFactory.GetGrain<IBranchDirectoryGrain>(0).Codes())
        {
            if (await GrainFactory.GetGrain<IBranchGrain>(code).Describe() is not { } branch)
            {
                continue; // listed, not opened yet
            }
            var schedules = await Task.WhenAll(branch.Cabinets.Select(cabinet =>
                GrainFactory.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(code, cabinet)).EnsureScheduled()));
            armed += schedules.Count(s => s is not null);
        }
        LogArmed(armed);
        return armed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inspection reminders armed for {Cabinets} cabinet(s)")]
    private partial void LogArmed(int cabinets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Arming the inspection reminders failed")]
    private partial void LogArmFailed(Exception exception);
}
