using BranchArchive.Contracts.Notifications;
using BranchArchive.Persistence.Notifications;
using BranchArchive.Persistence.Serialization;
using BranchArchive.Persistence.Postgres;
using BranchArchive.Persistence.Sqlite;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        AddRelationalArchive(silo.Services, RelationalArchive.On(database));
        AddNotifications(silo.Services, RelationalNotifications.On(database));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteSchemaInstaller>();
        silo.AddAdoNetGrainStorage(providerName, (AdoNetGrainStorageOptions options) =>
        {
            options.Invariant = SqliteInvariant;
            options.DataSource = database.GrainStorage;
            options.GrainStorageSerializer = new ArchiveStateSerializer();
            // A cleared state leaves no row: a grain's id can name what must not outlive it (see CustomerIdentityGrain).
            options.DeleteStateOnClear = true;
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
        AddRelationalArchive(silo.Services, RelationalArchive.On(database));
        AddNotifications(silo.Services, RelationalNotifications.On(database));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaInstaller>();
        silo.AddAdoNetGrainStorage(providerName, (AdoNetGrainStorageOptions options) =>
        {
            options.Invariant = PostgresInvariant;
            options.DataSource = database;
            options.GrainStorageSerializer = new ArchiveStateSerializer();
            // A cleared state leaves no row: a grain's id can name what must not outlive it (see CustomerIdentityGrain).
            options.DeleteStateOnClear = true;
        });
        return silo;
    }

    private static void AddRelationalArchive(IServiceCollection services, RelationalArchive archive)
    {
        services.AddSingleton(archive.AuditLog);
        services.AddSingleton(archive.Catalogue);
        services.AddSingleton(archive.LoanNotices);
        services.AddSingleton(archive.FileRegister);
        // Keyed by nothing but the cluster's service id, which every state row's key holds.
        services.AddSingleton(sp => archive.ChangeStore(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        services.AddSingleton(archive.AccessLog);
    }

    private static void AddNotifications(IServiceCollection services, RelationalNotifications notifications)
    {
        services.AddSingleton<INoticeSubscriptionStore>(notifications.Subscriptions);
        services.AddSingleton<INoticeSubscriptions>(notifications.Subscriptions);
        services.AddSingleton<INoticeDeliveries>(notifications.Deliveries);
    }
}
