using System.Data.Common;

namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Each unit in its own transaction on a pooled connection: right for a server database
/// (PostgreSQL), where many connections commit in parallel and the server groups their flushes.
/// </summary>
public sealed class TransactionPerUnit(DbDataSource database) : IDurableWrites
{
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await unit(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
