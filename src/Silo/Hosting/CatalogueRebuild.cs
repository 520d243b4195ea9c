using System.Data.Common;
using System.Runtime.CompilerServices;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Retention;
using BranchArchive.Grains.Storage;
using BranchArchive.Persistence;
using BranchArchive.Persistence.Serialization;
using BranchArchive.Persistence.Sqlite;
using Npgsql;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// The <c>rebuild-catalogue</c> command: empties the catalogue and fills it again from every
/// customer file's stored grain state, the record the catalogue is a copy of.
/// </summary>
public static class CatalogueRebuild
{
    /// <param name="retention">The retention rules the silos run with: they set each file's place on the list for destruction.</param>
    public static async Task<long> RunAsync(ArchiveStorageSettings storage, string serviceId, RetentionOptions? retention = null,
        CancellationToken cancellationToken = default)
    {
        await ArchiveMigrations.ApplyAsync(storage, cancellationToken);
        await using DbDataSource database = storage.Kind == ArchiveStorageSettings.PostgresKind
            ? NpgsqlDataSource.Create(storage.PostgresConnectionString!)
            : new SqliteDatabase(storage.Sqlite.Path, storage.Sqlite.Synchronous);
        var catalogue = (database is SqliteDatabase sqlite ? RelationalArchive.On(sqlite) : RelationalArchive.On((NpgsqlDataSource)database)).Catalogue;
        var count = 0L;
        await catalogue.RebuildAsync(Counted(StoredFiles(database, serviceId, retention ?? new(), cancellationToken)), cancellationToken);
        return count;

        async IAsyncEnumerable<CatalogueEntry> Counted(IAsyncEnumerable<CatalogueEntry> entries)
        {
            await foreach (var entry in entries)
            {
                count++;
                yield return entry;
            }
        }
    }

    private static async IAsyncEnumerable<CatalogueEntry> StoredFiles(
        DbDataSource database, string serviceId, RetentionOptions retention, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var serializer = new ArchiveStateSerializer();
        // A connection of its own, outside SQLite's one-writer gate (held by the writing side):
        // in WAL mode a reader and a writer may work at once.
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT GrainIdExtensionString, PayloadBinary FROM OrleansStorage " +
            "WHERE ServiceId = @service AND GrainTypeString = @state AND PayloadBinary IS NOT NULL";
        foreach (var (name, value) in new[] { ("@service", serviceId), ("@state", StateNames.CustomerFile) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = serializer.Deserialize<CustomerFileState>(new BinaryData((byte[])reader.GetValue(1)));
            yield return CatalogueLines.From(reader.GetString(0), state, retention);
        }
    }
}
