using System.Data.Common;

namespace BranchArchive.Persistence.Chains;

/// <summary>
/// Makes a transaction the only appender of one chain across processes, until it ends: a statement
/// given <c>@shard</c> (PostgreSQL: a transaction-scoped advisory lock per chain). SQLite needs
/// none (null): one writer holds the file at a time.
/// </summary>
internal static class ChainLocks
{
    public static async Task TakeAsync(DbConnection connection, DbTransaction transaction, string? statement, int shard, CancellationToken cancellationToken)
    {
        if (statement is not null)
        {
            await using var locking = DbCommands.Create(connection, transaction, statement, [("@shard", shard)]);
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
