using BranchArchive.Contracts.Circulation;
using BranchArchive.Persistence.Circulation;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Serialization;
using BranchArchive.Persistence.Postgres;
using BranchArchive.Persistence.Sqlite;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;

namespace BranchArchive.Persistence;

public static class ArchiveStorageSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant under which Orleans uses Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Stores grain state in one SQLite file through Orleans' ADO.NET provider, creating the file
    /// and its schema on start.
    /// </summary>
    public static ISiloBuilder AddArchiveSqliteStorage(
        this ISiloBuilder silo, string providerName, string databasePath, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var database = new SqliteDatabase(databasePath, synchronous);
        silo.Services.AddSingleton(database);
        silo.Services.AddSingleton<IAuditLog>(new GroupedAuditLog(new RelationalAuditLog(database, reads: database.Readers, writes: database.Writes)));
        silo.Services.AddSingleton<ICatalogue>(new RelationalCatalogue(database, CatalogueDialect.Sqlite, database.Readers, database.Writes));
        silo.Services.AddSingleton<ILoanNotices>(new RelationalLoanNotices(database, database.Readers, database.Writes));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteSchemaInstaller>();
        silo.AddAdoNetGrainStorage(providerName, (AdoNetGrainStorageOptions options) =>
        {
            options.Invariant = SqliteInvariant;
            options.DataSource = database.GrainStorage;
            options.GrainStorageSerializer = new ArchiveStateSerializer();
        });
        return silo;
    }

    /// <summary>The ADO.NET invariant under which Orleans uses Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Stores grain state and the audit log in PostgreSQL through Orleans' ADO.NET provider. The
    /// schema is brought up to date on start (idempotent, serialised by an advisory lock), so a
    /// silo also works where no separate <c>migrate</c> step ran.
    /// </summary>
    public static ISiloBuilder AddArchivePostgresStorage(this ISiloBuilder silo, string providerName, NpgsqlDataSource database)
    {
        silo.Services.AddSingleton(database);
        silo.Services.AddSingleton<IAuditLog>(new GroupedAuditLog(new RelationalAuditLog(database, RelationalAuditLog.PostgresAppendLock)));
        silo.Services.AddSingleton<ICatalogue>(new RelationalCatalogue(database, CatalogueDialect.Postgres));
        silo.Services.AddSingleton<ILoanNotices>(new RelationalLoanNotices(database));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaInstaller>();
        silo.AddAdoNetGrainStorage(providerName, (AdoNetGrainStorageOptions options) =>
        {
            options.Invariant = PostgresInvariant;
            options.DataSource = database;
            options.GrainStorageSerializer = new ArchiveStateSerializer();
        });
        return silo;
    }
}
