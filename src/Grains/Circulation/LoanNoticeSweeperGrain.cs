using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Files;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Circulation;

/// <summary>
/// Due dates live in the files' state and the catalogue, so nothing needs a durable reminder per
/// loan (SQLite has no reminder store): every period, this grain asks the catalogue which loans
/// are due soon or overdue without their notice yet, and wakes those files to raise it; and which
/// files have waited for their borrower longer than <c>Circulation:PickupExpiry</c>, and wakes
/// those to let the pickup expire (and, <c>Circulation:PickupExpiryWarning</c> before, those to
/// warn that it is about to). Runs on
/// the silos' clock, so tests move time instead of waiting.
/// </summary>
public sealed class LoanNoticeSweeperGrain(ILoanNotices notices, IOptions<CirculationOptions> options, TimeProvider clock)
    : Grain, ILoanNoticeSweeperGrain
{
    private const int Batch = 500;

    private IGrainTimer? _timer;

    public Task Start()
    {
        _timer ??= this.RegisterGrainTimer(async _ => await Sweep(),
            new GrainTimerCreationOptions(options.Value.NoticeSweepPeriod, options.Value.NoticeSweepPeriod) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<int> Sweep()
    {
        var now = clock.GetUtcNow();
        var asked = 0;
        foreach (var (kind, dueBefore) in new[] { (NoticeKind.Overdue, now), (NoticeKind.DueSoon, now + options.Value.ReminderLead) })
        {
            // Each raised notice leaves the next query's answer, so the rounds end; the cap bounds a pass.
            for (var round = 0; round < 100; round++)
            {
                var files = await notices.FindUnnoticedAsync(kind, dueBefore, Batch);
                await Task.WhenAll(files.Select(id => GrainFactory.GetGrain<ICustomerFileInternal>(id).RaiseDueNotices()));
                asked += files.Count;
                if (files.Count < Batch)
                {
                    break;
                }
            }
        }
        // Pickups about to expire, not yet warned of: each file tells its branch and borrower and leaves the next answer.
        if (options.Value.PickupExpiryWarning > TimeSpan.Zero)
        {
            var warnFrom = now - options.Value.PickupExpiry + options.Value.PickupExpiryWarning;
            for (var round = 0; round < 100; round++)
            {
                var files = await notices.FindPickupsToWarnAsync(warnFrom, now - options.Value.PickupExpiry, Batch);
                await Task.WhenAll(files.Select(id => GrainFactory.GetGrain<ICustomerFileInternal>(id).WarnPickupExpiring()));
                asked += files.Count;
                if (files.Count < Batch)
                {
                    break;
                }
            }
        }
        // Pickups waiting longer than allowed: each file lets its pickup expire and leaves the next answer.
        for (var round = 0; round < 100; round++)
        {
            var files = await notices.FindAwaitingPickupSinceAsync(now - options.Value.PickupExpiry, Batch);
            await Task.WhenAll(files.Select(id => GrainFactory.GetGrain<ICustomerFileInternal>(id).ExpirePickup()));
            asked += files.Count;
            if (files.Count < Batch)
            {
                break;
            }
        }
        return asked;
    }
}
