using BranchArchive.Contracts.Files;
using BranchArchive.WebApp.SignIn;

namespace BranchArchive.WebApp.Desk;

/// <summary>What the desk can do with a file.</summary>
public enum DeskAction { CheckOut, Return, Renew, Request, Dispatch, Receive, Pickup, OpenReading, CloseReading, CancelTransit, DeclareMissing, Found }

/// <summary>
/// Which actions the desk offers for a file, read from the state the API answered (status, where it
/// is, the open loan, the request queue) and the user's role. This only chooses which buttons to
/// show, as the API contract describes each step; the API decides again and refuses with a
/// problem the page shows, so a wrong guess here can hide a button but never allow a step.
/// </summary>
public static class DeskActions
{
    public static IReadOnlyList<DeskAction> For(CustomerFile file, StaffUser user)
    {
        var here = user.Branch;
        var actions = new List<DeskAction>();
        if (here is null)
        {
            return actions;
        }
        var atThisDesk = (file.Location ?? file.Branch) == here;
        switch (file.Status)
        {
            case FileStatus.OnShelf when file.Branch == here:
                if (file.Requests.Count > 0)
                {
                    actions.Add(DeskAction.Dispatch);
                }
                if (file.Lendable)
                {
                    actions.Add(DeskAction.CheckOut);
                }
                else if (user.Has(Contracts.Access.StaffRoles.Manager))
                {
                    actions.Add(DeskAction.OpenReading);
                }
                break;
            case FileStatus.CheckedOut when file.Loan?.Branch == here:
                actions.Add(DeskAction.Return);
                actions.Add(DeskAction.Renew);
                break;
            case FileStatus.InTransit when file.Transit?.To == here:
                actions.Add(DeskAction.Receive);
                break;
            case FileStatus.AwaitingPickup when atThisDesk && file.Lendable: // never lent by a rule made since it was requested: it waits to go home
                actions.Add(DeskAction.Pickup);
                break;
            case FileStatus.AwaitingDispatch when atThisDesk:
                actions.Add(DeskAction.Dispatch);
                break;
            case FileStatus.InReading when file.Branch == here && file.Reading is not null:
                actions.Add(DeskAction.CloseReading); // the reader has handed the file back
                break;
        }
        // The sending branch may call its dispatch back until it is received.
        if (file.Status == FileStatus.InTransit && file.Transit?.From == here)
        {
            actions.Add(DeskAction.CancelTransit);
        }
        // The home branch's managers declare its files missing (not while lent, read or repaired) and record them found.
        if (file.Branch == here && user.Has(Contracts.Access.StaffRoles.Manager))
        {
            if (file.Status is FileStatus.OnShelf or FileStatus.Damaged or FileStatus.InTransit or FileStatus.AwaitingPickup or FileStatus.AwaitingDispatch)
            {
                actions.Add(DeskAction.DeclareMissing);
            }
            else if (file.Status == FileStatus.Missing)
            {
                actions.Add(DeskAction.Found);
            }
        }
        // A lendable file of another branch, not here now, may be asked for, to be lent here.
        if (file.Branch != here && file.Location != here && file.Lendable && !file.Requests.Any(r => r.PickupBranch == here)
            && file.Status is not (FileStatus.Destroyed or FileStatus.Missing))
        {
            actions.Add(DeskAction.Request);
        }
        return actions;
    }
}
