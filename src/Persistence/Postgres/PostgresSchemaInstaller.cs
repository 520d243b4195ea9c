using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;

namespace BranchArchive.Persistence.Postgres;

/// <summary>Applies the schema when the silo starts, before clustering and storage read their queries.</summary>
internal sealed partial class PostgresSchemaInstaller(NpgsqlDataSource database, ILogger<PostgresSchemaInstaller> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaInstaller), ServiceLifecycleStage.First, ApplyAsync);

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.ApplyAsync(database, cancellationToken);
        LogApplied(database.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("Host", StringComparison.OrdinalIgnoreCase)) ?? "");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema is up to date ({Host})")]
    private partial void LogApplied(string host);
}
