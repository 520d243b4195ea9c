using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Storage;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence.AccessLog;
using BranchArchive.Persistence.Changes;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Circulation;
using BranchArchive.Persistence.Register;
using BranchArchive.Persistence.Sqlite;
using BranchArchive.Persistence.Writes;
using Npgsql;

namespace BranchArchive.Persistence;

/// <summary>
/// The archive's tables beside the grain state (audit log, catalogue, loan notices, file register)
/// and the store that commits an audited grain's change with its side writes (given the
/// cluster's service id, part of every state row's key), built the one way each store needs, for
/// the silo and for every tool that opens the same database.
/// </summary>
public sealed record RelationalArchive(IAuditLog AuditLog, ICatalogue Catalogue, ILoanNotices LoanNotices, IFileRegister FileRegister,
    Func<string, IChangeStore> ChangeStore, IAccessLog AccessLog)
{
    /// <summary>
    /// The access log's chains on SQLite: one, since the file has one writer, whose group commit
    /// takes every read queued meanwhile anyway.
    /// </summary>
    public const int SqliteAccessChains = 1;

    /// <summary>
    /// The access log's chains on PostgreSQL: each takes its own lock, so this many groups of reads
    /// commit in parallel across the cluster (more silos, more parallel chains up to this number).
    /// </summary>
    public const int PostgresAccessChains = 8;

    /// <summary>The audit log's chains on SQLite: one, as its one writer appends one change at a time anyway.</summary>
    public const int SqliteAuditChains = 1;

    /// <summary>
    /// The audit log's chains on PostgreSQL: a change appends to its file's chain (<see cref="Writes.Shards"/>)
    /// under that chain's lock only, so changes to files of different chains commit in parallel.
    /// </summary>
    public const int PostgresAuditChains = 8;

    /// <summary>
    /// SQLite: writes go to the file's one writer, whose group commit already takes whatever
    /// changes queued together (one unit each); queries read outside it.
    /// </summary>
    public static RelationalArchive On(SqliteDatabase sqlite)
    {
        var audit = new RelationalAuditLog(sqlite.Readers, sqlite.Writes, SqliteAuditChains, groupHere: false);
        var catalogue = new RelationalCatalogue(sqlite, sqlite.Readers, sqlite.Writes, CatalogueDialect.Sqlite);
        return new(audit, catalogue, new RelationalLoanNotices(sqlite.Readers, sqlite.Writes), new RelationalFileRegister(sqlite.Readers),
            serviceId => new SqliteChangeStore(sqlite, audit, catalogue, serviceId),
            new RelationalAccessLog(sqlite.Readers, sqlite.Writes, SqliteAccessChains, groupHere: false));
    }

    /// <summary>
    /// PostgreSQL: a transaction per write on pooled connections; a grain's changes are grouped
    /// in the process per audit shard, each group one transaction (see <see cref="PostgresChangeStore"/>).
    /// </summary>
    public static RelationalArchive On(NpgsqlDataSource postgres)
    {
        var writes = new TransactionPerUnit(postgres);
        var audit = new RelationalAuditLog(postgres, writes, PostgresAuditChains, groupHere: true, RelationalAuditLog.PostgresChainLock);
        var catalogue = new RelationalCatalogue(postgres, postgres, writes, CatalogueDialect.Postgres);
        return new(audit, catalogue, new RelationalLoanNotices(postgres, writes), new RelationalFileRegister(postgres),
            serviceId => new PostgresChangeStore(postgres, audit, serviceId, PostgresAuditChains),
            new RelationalAccessLog(postgres, writes, PostgresAccessChains, groupHere: true, RelationalAccessLog.PostgresChainLock));
    }
}
