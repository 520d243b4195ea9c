using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;

namespace BranchArchive.Grains.Files;

/// <summary>
/// What other grains ask of a customer file, and nothing outside the silos does: the borrower
/// grain's slot check, the notice sweeper's due-date and pickup steps, an import's duplicate check,
/// the cabinet inspection's lock. Implemented by <see cref="CustomerFileGrain"/> beside
/// <see cref="ICustomerFileGrain"/> (the API's surface): <c>GrainFactory.GetGrain&lt;ICustomerFileInternal&gt;(id)</c>
/// reaches the same activation. It lives in the grains' assembly, so the API can't call it.
/// </summary>
public interface ICustomerFileInternal : IGrainWithStringKey
{
    /// <summary>
    /// Is <paramref name="actor"/> shown this file's details and its customer? An import names the
    /// file a row duplicates only then. False when the file does not exist; reads only, audits nothing.
    /// </summary>
    [SafeToRetry]
    Task<bool> ShowsCustomerTo(Actor actor);

    /// <summary>
    /// The file's open loan if it is <paramref name="loanId"/>, else null: how a borrower grain checks
    /// the slots it holds against the file, the source of truth. It reads only, so it interleaves with
    /// the file's other calls (a checkout waits on the borrower grain while that grain may ask this).
    /// </summary>
    [SafeToRetry, Orleans.Concurrency.AlwaysInterleave]
    Task<Loan?> OpenLoanOf(string loanId);

    /// <summary>
    /// Raises the notices its open loan is due for (due soon, overdue) on the borrower's branch's
    /// notice board; called by the notice sweeper. Raising one twice changes nothing.
    /// </summary>
    [SafeToRetry]
    Task RaiseDueNotices();

    /// <summary>
    /// Lets the pickup expire if the file has waited for its borrower longer than
    /// <c>Circulation:PickupExpiry</c>; called by the notice sweeper. Changes nothing otherwise.
    /// </summary>
    [SafeToRetry]
    Task ExpirePickup();

    /// <summary>
    /// Tells the requesting branch and the borrower that the pickup expires soon
    /// (<c>Circulation:PickupExpiryWarning</c> before it does); called by the notice sweeper.
    /// Once per wait; changes nothing otherwise.
    /// </summary>
    [SafeToRetry]
    Task WarnPickupExpiring();

    // The cabinet's inspection grain (the file never calls it back).

    /// <summary>
    /// Locks the file for the inspection (every change that takes it in hand or moves it answers
    /// 409 until it ends: <see cref="CustomerFileGrain"/>'s admission) and answers how it stood; null when the file is not (or no longer) kept in that
    /// cabinet. Idempotent per inspection id.
    /// </summary>
    [SafeToRetry]
    Task<InspectedFile?> BeginInspection(string inspectionId, string branch, string cabinet, Actor actor);

    /// <summary>
    /// Ends the lock with the inspection's finding: Missing marks a file expected on the shelf
    /// Missing; Found puts a Missing file back OnShelf. Changes nothing for another inspection id.
    /// </summary>
    [SafeToRetry]
    Task EndInspection(string inspectionId, InspectionFinding finding, Actor actor);
}
