using System.Data.Common;

namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Where a unit of writes (several statements that belong together) runs as one atomic step,
/// answered only once it is durable. The unit gets a connection and the transaction its
/// commands must join; it must not commit or roll back itself, and it may run again after a
/// failure, so it has to be idempotent.
/// </summary>
public interface IDurableWrites
{
    Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, CancellationToken cancellationToken = default);
}
