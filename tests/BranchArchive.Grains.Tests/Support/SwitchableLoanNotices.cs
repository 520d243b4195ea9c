using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>
/// The real notice board, which a test can make unwritable (a lost connection between a stored
/// change and its notices); reads go on, so the test sees what reached the board.
/// </summary>
public sealed class SwitchableLoanNotices(ILoanNotices inner, NoticeOutage outage) : ILoanNotices
{
    public Task AddAsync(LoanNotice notice, CancellationToken cancellationToken = default) =>
        outage.Down ? throw new IOException("The notice board is unavailable (test outage).") : inner.AddAsync(notice, cancellationToken);

    public Task<LoanNoticePage> ListAsync(NoticeQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<string>> FindUnnoticedAsync(NoticeKind kind, DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default) =>
        inner.FindUnnoticedAsync(kind, dueBefore, limit, cancellationToken);

    public Task<IReadOnlyList<string>> FindAwaitingPickupSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        inner.FindAwaitingPickupSinceAsync(since, limit, cancellationToken);

    public Task<IReadOnlyList<string>> FindPickupsToWarnAsync(DateTimeOffset since, DateTimeOffset notBefore, int limit, CancellationToken cancellationToken = default) =>
        inner.FindPickupsToWarnAsync(since, notBefore, limit, cancellationToken);

    public Task<LoanNotice?> FindAsync(string id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<bool> MarkAsync(string id, bool read, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        outage.Down ? throw new IOException("The notice board is unavailable (test outage).") : inner.MarkAsync(id, read, by, at, cancellationToken);

    public static void Install(ISiloBuilder silo, NoticeOutage outage) =>
        silo.Services.Decorate<ILoanNotices>(notices => new SwitchableLoanNotices(notices, outage));
}

public sealed class NoticeOutage
{
    public volatile bool Down;
}
