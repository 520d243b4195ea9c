using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;

namespace BranchArchive.Grains.Tests.Inspections;

/// <summary>
/// A cluster for inspection tests: its own archive clock (the tests move it across quarters),
/// reminders ticking every second on the real clock (each tick reads the moved clock), and a
/// switch that makes the files' unlock fail, as a process dying midway would.
/// </summary>
public static class InspectionCluster
{
    public static Task<ArchiveCluster> StartAsync(TestStorage storage, InspectionFault? fault = null) =>
        ArchiveCluster.StartAsync(storage, clock: new MovedClock(), configure: silo =>
        {
            // Orleans' clocks stay real (ArchiveCluster, for a MovedClock); reminders have their own key.
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            silo.Services.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<InspectionOptions>(inspections => inspections.CheckPeriod = TimeSpan.FromSeconds(1));
            if (fault is not null)
            {
                silo.AddOutgoingGrainCallFilter(context => fault.Armed && context.InterfaceMethod.Name == nameof(BranchArchive.Grains.Files.ICustomerFileInternal.EndInspection)
                    ? throw new TimeoutException("Injected: the file did not answer.")
                    : context.Invoke());
            }
        });

    /// <summary>Polls the branch's notices until one of the kind for the cabinet shows, or fails after a deadline.</summary>
    public static async Task<IReadOnlyList<LoanNotice>> WaitForNotice(IGrainFactory grains, string branch, string cabinet, NoticeKind kind)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var notices = (await grains.GetGrain<INoticeBoardGrain>(0).List(branch, 1, 100, Archive.Archivist)).AssertSucceeded().Items
                .Where(n => n.Cabinet == cabinet && n.Kind == kind).ToList();
            if (notices.Count > 0 || DateTime.UtcNow > deadline)
            {
                Assert.True(notices.Count > 0, $"No {kind} notice for {branch}/{cabinet} within the deadline.");
                return notices;
            }
            await Task.Delay(200);
        }
    }
}

public sealed class InspectionFault
{
    public volatile bool Armed;
}

/// <summary>One inspection cluster shared by the tests of a class; each test uses its own branch.</summary>
public sealed class InspectionClusterFixture : IAsyncLifetime
{
    private TestStorage? _storage;

    public ArchiveCluster Archive { get; private set; } = null!;

    public InspectionFault Fault { get; } = new();

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        Archive = await InspectionCluster.StartAsync(_storage, Fault);
    }

    public async Task DisposeAsync()
    {
        await Archive.DisposeAsync();
        await _storage!.DisposeAsync();
    }
}
