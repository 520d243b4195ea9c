using System.Text.Json.Serialization;

namespace BranchArchive.Contracts.Circulation;

public enum TransitDirection { ToRequester, Home }

/// <summary>One journey of the file between two branches, from dispatch to receipt.</summary>
[GenerateSerializer, Immutable, Alias("transit-leg")]
public sealed record TransitLeg(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] TransitDirection Direction,
    [property: Id(3)] string? RequestId,
    [property: Id(4)] string Reference,
    [property: Id(5)] string DispatchedBy,
    [property: Id(6)] DateTimeOffset DispatchedAt);

/// <summary>
/// <c>DeclaredMissing</c> / <c>Found</c>: a manager declared the file missing, or it was found and is
/// back on its home shelf. <c>TransitCancelled</c>: the sender took the file back before it was
/// received. <c>PickupExpired</c>: its borrower did not come for it in time; it goes home.
/// </summary>
public enum CustodyAction
{
    Requested, RequestCancelled, Dispatched, Received, PickedUp, Returned, Renewed, ReadingOpened, ReadingClosed, Relocated,
    DeclaredMissing, Found, TransitCancelled, PickupExpired,
    // Purpose-bound access (issue 21): who asked to read the file, why, and who decided.
    AccessRequested, AccessGranted, AccessRefused, AccessWithdrawn, AccessGrantedInEmergency, AccessReviewed,
    ReadingRequested, ReadingApproved, ReadingRefused, CopyRequested, CopyApproved, CopyRefused, CopyMade,
}

/// <summary>
/// One hand-over or change of hands in the file's chain of custody: when it happened (<c>At</c>),
/// and when it was entered (<c>RecordedAt</c>) if that was later, as for a return caught up from a paper register.
/// <c>Branch</c> is where it happened. A transit's events (<c>Dispatched</c>, <c>Received</c>,
/// <c>TransitCancelled</c>) name both ends, <c>From</c> and <c>To</c>, so the branch at the far end
/// finds them too (events stored before they were named leave them out; see <c>HandledEntries</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("custody-event")]
public sealed record CustodyEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] CustodyAction Action,
    [property: Id(2)] string By,
    [property: Id(3)] string Branch,
    [property: Id(4)] string Detail,
    [property: Id(5)] DateTimeOffset? RecordedAt = null,
    // Left out when null, so an event stored before keeps the payload (and the register key) it had.
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To = null);
