namespace BranchArchive.Contracts.Access;

/// <summary>
/// The files a member of staff asked access to (keyed by their subject): how "my access requests"
/// finds them. The files hold the requests; this holds only where to look, newest last, bounded.
/// </summary>
public interface IAccessRequesterGrain : IGrainWithStringKey
{
    /// <summary>Notes that the staff member asked access to <paramref name="fileId"/> (again: moved to the end).</summary>
    [SafeToRetry]
    Task Remember(string fileId);

    /// <summary>The files asked about, newest first.</summary>
    [SafeToRetry]
    Task<IReadOnlyList<string>> Files();
}
