using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Inspections;

/// <summary>
/// Cabinets come due and overdue as the clock crosses a quarter; reminders raise the notices, also
/// after a restart. Reminders have no caller to carry a test's own time, so each test moves the
/// clock of a cluster of its own.
/// </summary>
public sealed class InspectionScheduleTests : IAsyncLifetime
{
    private TestStorage _storage = null!;
    private ArchiveCluster _archive = null!;

    private IClusterClient Grains => _archive.Client;

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        _archive = await InspectionCluster.StartAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        await _archive.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task A_cabinet_comes_due_then_overdue_across_a_quarter_and_the_reminder_raises_each_notice_once()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var inspections = Grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, "C01"));
        var schedule = (await inspections.EnsureScheduled())!;
        Assert.Equal(InspectionDueState.NotDue, schedule.State);
        Assert.True(schedule.DueBy is { Day: 1, Hour: 0, Month: 1 or 4 or 7 or 10 }, $"Due by {schedule.DueBy}: not the end of a quarter.");
        Assert.DoesNotContain(await ListDue(branch), s => s.Cabinet == "C01");

        _archive.Clock.SetUtcNow(schedule.DueFrom + TimeSpan.FromHours(1));
        Assert.Equal(InspectionDueState.Due, (await inspections.EnsureScheduled())!.State);
        Assert.Equal([InspectionDueState.Due], (await ListDue(branch)).Select(s => s.State));
        var due = await InspectionCluster.WaitForNotice(Grains, branch, "C01", NoticeKind.InspectionDue);
        Assert.Equal(schedule.DueBy, due.Single().DueAt);

        _archive.Clock.SetUtcNow(schedule.DueBy + TimeSpan.FromHours(1));
        Assert.Equal([InspectionDueState.Overdue], (await ListDue(branch)).Select(s => s.State));
        await InspectionCluster.WaitForNotice(Grains, branch, "C01", NoticeKind.InspectionOverdue);
        await inspections.RaiseNotices();
        Assert.Single(await NoticesOf(branch, NoticeKind.InspectionDue)); // once per due date, however many ticks

        // Inspected late, in the next quarter: that quarter counts, the next is due by the end of the one after.
        var session = (await inspections.Start(Archive.Clerk(branch))).AssertSucceeded();
        (await inspections.Complete(session.Id, Archive.Clerk(branch))).AssertSucceeded();
        var next = (await inspections.EnsureScheduled())!;
        Assert.Equal(InspectionDueState.NotDue, next.State);
        Assert.Equal(schedule.DueBy.AddMonths(6), next.DueBy);
        Assert.Empty(await ListDue(branch));
    }

    [Fact]
    public async Task Head_office_lists_due_cabinets_of_every_branch_and_a_clerk_only_those_of_the_own()
    {
        var first = await Archive.OpenBranchWithCabinet(Grains);
        var second = await Archive.OpenBranchWithCabinet(Grains);
        var dueBy = (await Grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(second, "C01")).EnsureScheduled())!.DueBy;
        _archive.Clock.SetUtcNow(dueBy + TimeSpan.FromDays(1));

        var all = (await Grains.GetGrain<IInspectionBoardGrain>(0).ListDue(null, Archive.Archivist)).AssertSucceeded();
        Assert.Contains(all, s => s.Branch == first);
        Assert.Contains(all, s => s.Branch == second);
        var own = (await Grains.GetGrain<IInspectionBoardGrain>(0).ListDue(null, Archive.Clerk(first))).AssertSucceeded();
        Assert.Equal([first], own.Select(s => s.Branch).Distinct());
    }

    private async Task<IReadOnlyList<InspectionSchedule>> ListDue(string branch) =>
        (await Grains.GetGrain<IInspectionBoardGrain>(0).ListDue(branch, Archive.Clerk(branch))).AssertSucceeded();

    private async Task<List<LoanNotice>> NoticesOf(string branch, NoticeKind kind) =>
        (await Grains.GetGrain<INoticeBoardGrain>(0).List(branch, 1, 100, Archive.Archivist)).AssertSucceeded().Items.Where(n => n.Kind == kind).ToList();
}

/// <summary>The embedded default keeps reminders in memory: a restarted cluster re-arms them from stored state.</summary>
public sealed class InspectionRestartTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task After_a_restart_the_reminders_are_armed_again_and_raise_the_due_notice(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        string branch;
        InspectionSchedule schedule;
        await using (var before = await InspectionCluster.StartAsync(storage))
        {
            branch = await Archive.OpenBranchWithCabinet(before.Client);
            schedule = (await before.Client.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, "C01")).EnsureScheduled())!;
        }

        await using var after = await InspectionCluster.StartAsync(storage);
        after.Clock.SetUtcNow(schedule.DueFrom + TimeSpan.FromHours(1));

        // Nothing calls the cabinet: only the startup walk can have armed its reminder.
        var notices = await InspectionCluster.WaitForNotice(after.Client, branch, "C01", NoticeKind.InspectionDue);
        Assert.Equal(schedule.DueBy, notices.Single().DueAt);
    }
}
