using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// The order of the cross-branch flow, one question per step: may the step run now, and if not,
/// why (a 409's detail). The file's home is <c>Branch</c>/<c>Cabinet</c>; it travels only for the
/// request at the head of its queue and always comes home between loans.
/// </summary>
internal static class CirculationRules
{
    public const string RequestOperation = "request";
    public const string DispatchOperation = "dispatch";
    public const string ReceiveOperation = "receive";
    public const string PickupOperation = "pickup";
    public const string RenewOperation = "renew";

    /// <summary>True when a request is simply a checkout: on the shelf of the pickup branch, nobody waiting.</summary>
    public static bool IsPlainCheckout(CustomerFileState file, string pickupBranch) =>
        file.Status == FileStatus.OnShelf && file.Branch == pickupBranch && file.Requests.Count == 0;

    public static string? RefuseRequest(CustomerFileState file, RequestFileCommand command, CirculationOptions options)
    {
        // The requesting branch is not shown the file's documents or tags: the refusal names the rule only.
        if (NeverLentRule.Refusal(file, options.NeverLent, naming: file.Branch == command.PickupBranch) is { } neverLent)
        {
            return neverLent;
        }
        if (file.Status is FileStatus.Missing or FileStatus.Destroyed)
        {
            return $"File {file.FileNumber} is {file.Status}.";
        }
        if (file.OpenLoan is { } loan && loan.Borrower == command.Borrower!.Trim())
        {
            // Queued, the file would go home after the return and come straight back to the same hands.
            return $"{loan.Borrower} already holds file {file.FileNumber} on loan {loan.LoanId} (branch {loan.Branch}, due {loan.DueAt:yyyy-MM-dd}); renew the loan instead of requesting the file.";
        }
        if (file.Requests.Any(r => r.PickupBranch == command.PickupBranch && r.Borrower == command.Borrower!.Trim()))
        {
            return $"{command.Borrower!.Trim()} of branch {command.PickupBranch} already waits for file {file.FileNumber}.";
        }
        return file.Requests.Count >= options.MaxQueue ? $"{file.Requests.Count} requests already wait for file {file.FileNumber}; try later." : null;
    }

    /// <summary>Where the file may be sent now, or why it may not be dispatched.</summary>
    public static (TransitLeg? Leg, string? Refusal) Dispatch(CustomerFileState file, string reference, string by, DateTimeOffset now)
    {
        if (file.Status == FileStatus.AwaitingDispatch && file.AwayAt is { } away)
        {
            return (new TransitLeg(away, file.Branch, TransitDirection.Home, null, reference, by, now), null);
        }
        if (file.Status == FileStatus.OnShelf && file.Requests.FirstOrDefault() is { } next && next.PickupBranch != file.Branch)
        {
            return (new TransitLeg(file.Branch, next.PickupBranch, TransitDirection.ToRequester, next.RequestId, reference, by, now), null);
        }
        return (null, file.Status == FileStatus.OnShelf
            ? $"File {file.FileNumber} is on the shelf with no request from another branch waiting; there is nowhere to send it."
            : $"File {file.FileNumber} is {file.Status}{Where(file)}; it can't be dispatched now.");
    }

    public static string? RefuseReceive(CustomerFileState file) =>
        file.Status == FileStatus.InTransit && file.Transit is not null
            ? null
            : $"File {file.FileNumber} is not in transit; it is {file.Status}{Where(file)}.";

    /// <summary>
    /// The request the borrower picks up, or why the file can't be picked up for it (also when the
    /// never-lent rule came to cover it after it was requested: it is read on site, not lent).
    /// </summary>
    public static (FileRequest? Request, string? Refusal) Pickup(CustomerFileState file, string requestId, NeverLentOptions neverLent)
    {
        if (NeverLentRule.Refusal(file, neverLent) is { } never)
        {
            return (null, never);
        }
        var request = file.Requests.FirstOrDefault(r => r.RequestId == requestId);
        if (request is null)
        {
            return (null, $"Request {requestId} does not wait for file {file.FileNumber}.");
        }
        var heldHere = file.Status == FileStatus.AwaitingPickup && file.HeldFor == requestId;
        var onHomeShelfForIt = file.Status == FileStatus.OnShelf && request.PickupBranch == file.Branch && file.Requests[0] == request;
        return heldHere || onHomeShelfForIt
            ? (request, null)
            : (null, $"File {file.FileNumber} is {file.Status}{Where(file)}, not waiting for request {requestId}.");
    }

    public static string? RefuseRenewal(CustomerFileState file, RenewCommand command, CirculationOptions options, DateTimeOffset now)
    {
        if (file.OpenLoan is not { } loan || loan.LoanId != command.LoanId)
        {
            return LendingRules.DescribeNoSuchLoan(file, command.LoanId!);
        }
        if (NeverLentRule.Refusal(file, options.NeverLent) is { } neverLent)
        {
            return $"Loan {loan.LoanId} can't be renewed: {neverLent}";
        }
        if (file.Requests.Count > 0)
        {
            return $"File {file.FileNumber} can't be renewed: {file.Requests.Count} request(s) from {string.Join(", ", file.Requests.Select(r => r.PickupBranch).Distinct())} wait for it.";
        }
        if (loan.Renewals >= options.MaxRenewals)
        {
            return $"Loan {loan.LoanId} was renewed {loan.Renewals} time(s), the most allowed.";
        }
        return options.EarliestRenewalBefore is { } lead && lead > TimeSpan.Zero && now < loan.DueAt - lead
            ? $"Loan {loan.LoanId} can't be renewed yet: the archive's policy Circulation:EarliestRenewalBefore allows renewing at most {Describe(lead)} "
                + $"before the due date, so from {(loan.DueAt - lead).UtcDateTime:yyyy-MM-dd HH:mm} UTC (due {loan.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)."
            : null;
    }

    private static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0} day(s)"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0} hour(s)"
        : span.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Where the file is and goes next: the branch holding it (null on the road) and the stage of its
    /// journey. "Awaiting dispatch" is the case <see cref="Dispatch"/> would send: from its home shelf to
    /// the branch whose request heads the queue, or home from the branch where its use is over.
    /// </summary>
    public static Whereabouts WhereaboutsOf(CustomerFileState file)
    {
        if (file.Transit is { } leg)
        {
            return new Whereabouts(CirculationStage.InTransit, null, leg.To);
        }
        if (file.AwayAt is { } away)
        {
            return file.Status switch
            {
                FileStatus.AwaitingPickup => new Whereabouts(CirculationStage.AwaitingPickup, away, null),
                FileStatus.AwaitingDispatch => new Whereabouts(CirculationStage.AwaitingDispatchHome, away, file.Branch),
                _ => new Whereabouts(CirculationStage.OnLoanAway, away, null),
            };
        }
        return file.Status == FileStatus.OnShelf && file.Requests.FirstOrDefault() is { } next && next.PickupBranch != file.Branch
            ? new Whereabouts(CirculationStage.AwaitingDispatch, file.Branch, next.PickupBranch)
            : new Whereabouts(CirculationStage.AtHome, file.Branch, null);
    }

    /// <summary>The branch whose staff handle the file now: where it is, or where it is headed.</summary>
    public static string HandlingBranch(CustomerFileState file) =>
        file.OpenLoan?.Branch ?? file.Transit?.To ?? file.AwayAt ?? file.Branch;

    private static string Where(CustomerFileState file) =>
        file.Transit is { } leg ? $" on its way from {leg.From} to {leg.To}" : file.AwayAt is { } away ? $" at branch {away}" : "";
}
