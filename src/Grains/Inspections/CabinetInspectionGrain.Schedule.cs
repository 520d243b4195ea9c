using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Inspections;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Inspections;

/// <summary>
/// The schedule: an Orleans reminder ticks every <c>CheckPeriod</c> (first at the next change of
/// state, if sooner) and raises the due / overdue notice once per due date. The due date follows
/// from stored dates and the clock only, so the in-memory reminder service of the embedded
/// default loses nothing on a restart: the scheduler re-arms every cabinet at each silo start.
/// </summary>
public sealed partial class CabinetInspectionGrain : IRemindable
{
    private const string ReminderName = "inspection-due";

    private bool _armed;

    public async Task<InspectionSchedule?> EnsureScheduled()
    {
        await _inspections.EnsureCurrentAsync();
        if (!_inspections.Exists)
        {
            if (await Cabinet.Roster() is null)
            {
                return null;
            }
            BeginSchedule(_clock.GetUtcNow());
            await _inspections.SaveAsync();
        }
        await ArmAsync();
        return Schedule(_clock.GetUtcNow());
    }

    public async Task RaiseNotices()
    {
        await _inspections.EnsureCurrentAsync();
        if (!_inspections.Exists)
        {
            return;
        }
        var now = _clock.GetUtcNow();
        var schedule = Schedule(now);
        var raised = false;
        if (schedule.State != InspectionDueState.NotDue && State.DueNoticeFor != schedule.DueBy)
        {
            await _notices.AddAsync(Notice(NoticeKind.InspectionDue, schedule.DueBy, now));
            State.DueNoticeFor = schedule.DueBy;
            raised = true;
        }
        if (schedule.State == InspectionDueState.Overdue && State.OverdueNoticeFor != schedule.DueBy)
        {
            await _notices.AddAsync(Notice(NoticeKind.InspectionOverdue, schedule.DueBy, now));
            State.OverdueNoticeFor = schedule.DueBy;
            raised = true;
            LogOverdue(Branch, Code, schedule.DueBy);
        }
        if (raised)
        {
            await _inspections.SaveAsync();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RaiseNotices();

    /// <summary>Starts the schedule on first use (in memory; the caller stores it).</summary>
    private void BeginSchedule(DateTimeOffset now)
    {
        if (!_inspections.Exists && State.Branch.Length == 0)
        {
            (State.Branch, State.Cabinet, State.ScheduledSince) = (Branch, Code, now);
        }
    }

    private async Task ArmAsync()
    {
        if (_armed)
        {
            return;
        }
        var now = _clock.GetUtcNow();
        var dueBy = InspectionCalendar.DueBy(State.ScheduledSince, State.LastInspectedAt, _options);
        var untilChange = InspectionCalendar.NextChange(now, dueBy, _options.DueLead) is { } next ? next - now : TimeSpan.Zero;
        var first = untilChange < _options.CheckPeriod ? untilChange : _options.CheckPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, first, _options.CheckPeriod);
        _armed = true;
    }

    private InspectionSchedule Schedule(DateTimeOffset now)
    {
        var dueBy = InspectionCalendar.DueBy(State.ScheduledSince, State.LastInspectedAt, _options);
        return new InspectionSchedule(Branch, Code, InspectionCalendar.StateAt(now, dueBy, _options.DueLead), dueBy - _options.DueLead, dueBy,
            State.LastInspectedAt, State.Open?.Id);
    }

    private LoanNotice Notice(NoticeKind kind, DateTimeOffset dueBy, DateTimeOffset now) =>
        new("", kind, dueBy, Branch, 0, "", "", now, Code);

    [LoggerMessage(Level = LogLevel.Information, Message = "The inspection of cabinet {Branch}/{Cabinet} is overdue (due by {DueBy})")]
    private partial void LogOverdue(string branch, string cabinet, DateTimeOffset dueBy);
}
