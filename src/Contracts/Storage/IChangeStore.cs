namespace BranchArchive.Contracts.Storage;

/// <summary>
/// Stores an audited grain's change: its state row and its <see cref="SideWrites"/> (audit
/// records, catalogue line, register entries, counters) in one transaction, on every store. Rows
/// are those of Orleans' ADO.NET grain storage, which still reads them; this writes them with the
/// provider's own version check.
/// </summary>
public interface IChangeStore
{
    /// <summary>
    /// Commits the change, or nothing of it. Answers the state's new version (its ETag). A version
    /// other than <see cref="StateChange{TState}.ETag"/> stored meanwhile fails with
    /// <c>Orleans.Storage.InconsistentStateException</c>, as the provider's own write would.
    /// </summary>
    Task<string> CommitAsync<TState>(StateChange<TState> change, CancellationToken cancellationToken = default);
}

/// <summary>One change of a grain's state: the row to write over the version read, and what goes with it.</summary>
/// <param name="StateName">The state's name (the provider's GrainTypeString).</param>
/// <param name="ETag">The version read, or null when no row was stored yet.</param>
public sealed record StateChange<TState>(string StateName, GrainId Grain, string? ETag, TState State, SideWrites SideWrites);
