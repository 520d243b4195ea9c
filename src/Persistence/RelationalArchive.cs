using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Circulation;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Persistence.Writes;
using Npgsql;

namespace BranchArchive.Persistence;

/// <summary>
/// The archive's tables beside the grain state (audit log, catalogue, loan notices), built the one
/// way each store needs, for the silo and for every tool that opens the same database.
/// </summary>
public sealed record RelationalArchive(IAuditLog AuditLog, ICatalogue Catalogue, ILoanNotices LoanNotices)
{
    /// <summary>
    /// SQLite: writes go to the file's one writer, whose group commit already takes whatever
    /// audit appends queued together; queries read outside it.
    /// </summary>
    public static RelationalArchive On(SqliteDatabase sqlite) => new(
        new RelationalAuditLog(sqlite.Readers, sqlite.Writes),
        new RelationalCatalogue(sqlite, sqlite.Readers, sqlite.Writes, CatalogueDialect.Sqlite),
        new RelationalLoanNotices(sqlite.Readers, sqlite.Writes));

    /// <summary>
    /// PostgreSQL: a transaction per write on pooled connections; audit appends are grouped in
    /// the process, because the chain's one end is a cluster-wide lock.
    /// </summary>
    public static RelationalArchive On(NpgsqlDataSource postgres)
    {
        var writes = new TransactionPerUnit(postgres);
        return new(
            new GroupedAuditLog(new RelationalAuditLog(postgres, writes, RelationalAuditLog.PostgresAppendLock)),
            new RelationalCatalogue(postgres, postgres, writes, CatalogueDialect.Postgres),
            new RelationalLoanNotices(postgres, writes));
    }
}
