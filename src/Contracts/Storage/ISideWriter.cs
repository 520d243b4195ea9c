namespace BranchArchive.Contracts.Storage;

/// <summary>
/// Writes a state change's <see cref="SideWrites"/>: in the very transaction of the grain's state
/// write where the store can (SQLite, whose one writer runs both), else right after it.
/// </summary>
public interface ISideWriter
{
    /// <summary>Whether <see cref="JoinNextStateWrite"/> works on this store.</summary>
    bool JoinsStateWrites { get; }

    /// <summary>
    /// Until the scope ends, the next grain-state write made on this call's flow also makes
    /// <paramref name="writes"/>, in its transaction: both are stored, or neither. Read
    /// <see cref="IJoinedWrites.Taken"/> before disposing the scope to learn whether a state write took them.
    /// </summary>
    IJoinedWrites JoinNextStateWrite(SideWrites writes);

    /// <summary>Writes them on their own: after the state write that stored them, or again after a failure.</summary>
    Task WriteAsync(SideWrites writes, CancellationToken cancellationToken = default);
}

/// <summary>The scope of <see cref="ISideWriter.JoinNextStateWrite"/>.</summary>
public interface IJoinedWrites : IDisposable
{
    /// <summary>True once a state write has run them in its transaction.</summary>
    bool Taken { get; }
}
