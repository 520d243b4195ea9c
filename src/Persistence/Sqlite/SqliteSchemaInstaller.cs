using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>Applies the schema when the silo starts, before any storage provider reads its queries.</summary>
internal sealed partial class SqliteSchemaInstaller(SqliteDatabase database, ILogger<SqliteSchemaInstaller> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteSchemaInstaller), ServiceLifecycleStage.RuntimeInitialize, ApplyAsync);

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await SqliteSchema.ApplyAsync(database, cancellationToken);
        LogApplied(database.Path, database.Synchronous);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite schema is up to date in {Path} (WAL, synchronous={Synchronous})")]
    private partial void LogApplied(string path, SqliteSynchronous synchronous);
}
