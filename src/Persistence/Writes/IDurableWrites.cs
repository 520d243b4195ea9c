using System.Data.Common;

namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Where a unit of writes (several statements that belong together) runs as one atomic step,
/// answered only once it is durable. The unit gets a connection and the transaction its
/// commands must join; it must not commit or roll back itself. A failed unit is not run again
/// here: its caller may repeat it, so it has to be idempotent.
/// </summary>
public interface IDurableWrites
{
    Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, CancellationToken cancellationToken = default);
}

public static class DurableWritesExtensions
{
    /// <summary>A unit with nothing to answer.</summary>
    public static Task RunAsync(this IDurableWrites writes, Func<DbConnection, DbTransaction, CancellationToken, Task> unit,
        CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            await unit(connection, transaction, token);
            return true;
        }, cancellationToken);
}
