using System.Data.Common;
using BranchArchive.Contracts.Storage;

namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Writes that ride with the next grain-state write of the current call flow (an async-local
/// slot): the grain storage's data source takes them when the provider runs its write statement
/// and runs them in that statement's transaction, only if the statement stored the state.
/// </summary>
internal static class StateWriteCompanion
{
    private static readonly AsyncLocal<Joined?> Current = new();

    public static IJoinedWrites Attach(Func<DbConnection, DbTransaction, CancellationToken, Task> writes)
    {
        var joined = new Joined(writes, Current.Value);
        Current.Value = joined;
        return joined;
    }

    /// <summary>The writes waiting for this flow's state write, once: a second statement gets none.</summary>
    public static Joined? Take()
    {
        var joined = Current.Value;
        if (joined is null || joined.Claimed)
        {
            return null;
        }
        joined.Claimed = true;
        return joined;
    }

    internal sealed class Joined(Func<DbConnection, DbTransaction, CancellationToken, Task> writes, Joined? outer) : IJoinedWrites
    {
        public bool Claimed { get; set; }

        // Set on the writer's thread before the group commits; read by the grain after its answer.
        public bool Taken { get; private set; }

        public async Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            await writes(connection, transaction, cancellationToken);
            Taken = true;
        }

        public void Dispose() => Current.Value = outer;
    }
}
