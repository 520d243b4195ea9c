using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Pickup expiry: a file left waiting for its borrower at the requesting branch longer than
/// <see cref="CirculationOptions.PickupExpiry"/> stops waiting. Its request is dropped, that branch
/// is notified, and the file goes home, as between any two loans: its home sends it on to the next
/// request in the queue. The notice sweeper finds such files in the catalogue (<c>AwaitingPickupSince</c>)
/// on the silos' clock; the file decides from its own state.
/// </summary>
public sealed partial class CustomerFileGrain
{
    private static readonly Actor PickupExpiry = new("system:pickup-expiry", StaffRoles.Admin, null);

    public async Task ExpirePickup()
    {
        await _file.EnsureCurrentAsync();
        if (_file.Exists && File.HasUnpostedNotices)
        {
            await TryPostNoticesAsync();
        }
        var now = _clock.GetUtcNow();
        if (!_file.Exists || File.AwaitingPickupSince is not { } since || now < since + _circulation.PickupExpiry || File.Inspection is not null)
        {
            return; // picked up or withdrawn since the catalogue was read, not due yet, or held by a stocktake until it ends
        }

        var there = File.AwayAt ?? File.Branch;
        var request = File.Requests.FirstOrDefault(r => r.RequestId == File.HeldFor);
        if (request is not null)
        {
            File.Requests.Remove(request);
        }
        File.HeldFor = null;
        File.HeldSince = null;
        File.Status = FileStatus.AwaitingDispatch;
        var expiredAt = since + _circulation.PickupExpiry;
        File.UnpostedNotices.Add(new LoanNotice(Id, NoticeKind.PickupExpired, expiredAt, request?.PickupBranch ?? there, File.FileNumber, "",
            request?.Borrower ?? "", now, RequestId: request?.RequestId));
        var detail = $"Request {request?.RequestId} for {request?.Borrower} not picked up at {there} within {_circulation.PickupExpiry.TotalDays:0.##} day(s) " +
                     $"(waiting since {since:yyyy-MM-dd HH:mm} UTC); to be sent home.";
        File.Record(new CustodyEvent(now, CustodyAction.PickupExpired, PickupExpiry.Subject, there, detail));
        Touch(now);
        await _file.SaveAsync(Record(PickupExpiry, AuditActions.PickupExpired, Outcome.Ok, detail));
        LogPickupExpired(Id, File.FileNumber, there, request?.RequestId);
        await TryPostNoticesAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The pickup of file {FileId} (number {FileNumber}) at {Branch} expired (request {RequestId}); it goes home")]
    private partial void LogPickupExpired(string fileId, long fileNumber, string branch, string? requestId);
}
