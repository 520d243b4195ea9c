namespace BranchArchive.Contracts.Circulation;

/// <summary>
/// Where a file stands in its journey between branches, in the words of the branch desks: at home,
/// waiting to be sent to a requesting branch, on the road, waiting for its borrower, lent at another
/// branch, or waiting there to be sent home. Its status says what is done with it; this says
/// whose hands it is in and where it goes next.
/// </summary>
public enum CirculationStage
{
    /// <summary>At its home branch and not waiting to travel (on the shelf, lent at home, read on site, in repair…).</summary>
    AtHome,

    /// <summary>On its home shelf with another branch's request at the head of its queue: the home branch sends it.</summary>
    AwaitingDispatch,

    /// <summary>On the road between two branches: the destination receives it.</summary>
    InTransit,

    /// <summary>Received at the requesting branch, waiting for its borrower to pick it up.</summary>
    AwaitingPickup,

    /// <summary>Lent at a branch other than its home.</summary>
    OnLoanAway,

    /// <summary>Its use at another branch is over: that branch sends it home.</summary>
    AwaitingDispatchHome,
}

/// <summary>
/// Where a file is now and where it goes next. <see cref="Location"/> is the branch holding it (null
/// on the road); <see cref="Destination"/> the branch it travels to or is waiting to be sent to.
/// </summary>
[GenerateSerializer, Immutable, Alias("whereabouts")]
public sealed record Whereabouts(
    [property: Id(0)] CirculationStage Stage,
    [property: Id(1)] string? Location,
    [property: Id(2)] string? Destination);
