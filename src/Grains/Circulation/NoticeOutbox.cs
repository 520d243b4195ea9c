using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Grains.Circulation;

/// <summary>
/// A grain's outbox of notices: stored with the change that raised them, posted to the board after
/// it. Each posted notice leaves the list; the board stores each once (its key names the event),
/// so posting again after a crash changes nothing.
/// </summary>
public static class NoticeOutbox
{
    /// <summary>Posts the notices in order; throws at the first the board refuses, leaving it and the rest in the list.</summary>
    public static async Task PostAsync(ILoanNotices board, List<LoanNotice> outbox)
    {
        foreach (var notice in outbox.ToList())
        {
            await board.AddAsync(notice);
            outbox.Remove(notice);
        }
    }
}
