using System.Text.RegularExpressions;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// What a branch keeps sight of once a file it handled has left it (issue 18 point 8): the branch
/// that borrowed a file, after it went home, reads the register entries of what it did with it and
/// nothing else. An entry is the branch's own when
/// <list type="bullet">
/// <item>a loan record: the loan was made at the branch (<see cref="Loan.Branch"/>);</item>
/// <item>a custody event: it happened at the branch (<see cref="CustodyEvent.Branch"/>: its request,
/// its withdrawal, the receipt, pickup, renewals, return, an expired pickup, the dispatch home), or
/// it is a transit to or from the branch (the dispatch that sent the file to it, a call-back of that
/// dispatch, the receipt at home of the file it sent back).</item>
/// </list>
/// A branch sees these only once it has earned sight (<see cref="SentToOrFrom"/>). Events of other branches' journeys, of the home shelf (readings, moves, missing and found) and
/// other branches' loans are not. Who is shown the file's details sees the whole register instead
/// (<see cref="CustomerFileState.ShowsDetailsTo"/>).
/// </summary>
internal static partial class HandledEntries
{
    /// <summary>
    /// Whether the branch took part in the file's circulation, which earns it sight of its entries:
    /// the file was sent to or from it, or lent at it (a loan record: <see cref="HandledBy(LoanRecord, string)"/>).
    /// A request alone does not: requesting and withdrawing must not be a way to read any file (issue 16 point 4).
    /// </summary>
    public static bool SentToOrFrom(this CustodyEvent custody, string branch) =>
        custody.Action == CustodyAction.Dispatched && custody.HandledBy(branch);

    public static bool HandledBy(this LoanRecord record, string branch) => record.Loan.Branch == branch;

    public static bool HandledBy(this CustodyEvent custody, string branch) =>
        custody.Branch == branch || OtherEnd(custody) == branch;

    /// <summary>
    /// The end of a transit other than where its event happened. Events stored before transits named
    /// their ends (<see cref="CustodyEvent.From"/>, <see cref="CustodyEvent.To"/>) carry it only in
    /// their detail, which the archive wrote in one of three fixed forms: read from there.
    /// </summary>
    private static string? OtherEnd(CustodyEvent custody)
    {
        if (custody.From is not null || custody.To is not null)
        {
            return custody.Branch == custody.From ? custody.To : custody.From;
        }
        var stored = custody.Action switch
        {
            CustodyAction.Dispatched => SentTo().Match(custody.Detail),
            CustodyAction.TransitCancelled => CalledBackFrom().Match(custody.Detail),
            CustodyAction.Received => ReceivedFrom().Match(custody.Detail),
            _ => Match.Empty,
        };
        return stored.Success ? stored.Groups["branch"].Value : null;
    }

    [GeneratedRegex(@"^Sent from [A-Z0-9]{2,10} to (?<branch>[A-Z0-9]{2,10}) \(", RegexOptions.CultureInvariant)]
    private static partial Regex SentTo();

    [GeneratedRegex(@"^Dispatch to (?<branch>[A-Z0-9]{2,10}) \(", RegexOptions.CultureInvariant)]
    private static partial Regex CalledBackFrom();

    [GeneratedRegex(@"^Received from (?<branch>[A-Z0-9]{2,10}) \(", RegexOptions.CultureInvariant)]
    private static partial Regex ReceivedFrom();
}
