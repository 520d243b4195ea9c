using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Runtime;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// A silo's HTTP port (<c>Cluster:HttpPort</c>): liveness, readiness and the Prometheus scrape.
/// Live: the process answers. Ready: the silo has joined the cluster (its membership entry is
/// Active) and its storage answers a query; Orleans opens its own ports before either is true.
/// </summary>
public static class SiloHealth
{
    public const string ReadyTag = "ready";

    public static void AddSiloHealth(this IServiceCollection services, ArchiveStorageSettings storage) =>
        services.AddHealthChecks()
            .AddCheck<JoinedCluster>("cluster", tags: [ReadyTag])
            .AddCheck("storage", new StorageAnswers(storage), tags: [ReadyTag]);

    public static void MapSiloHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        routes.MapPrometheusScrapingEndpoint("/metrics");
    }

    private sealed class JoinedCluster(ISiloStatusOracle membership) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(membership.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The silo is {membership.CurrentStatus}, not an active member of the cluster."));
    }

    private sealed class StorageAnswers(ArchiveStorageSettings storage) : IHealthCheck
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            try
            {
                await using var connection = Open();
                await connection.OpenAsync(deadline.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(deadline.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy($"The {storage.Kind} storage does not answer.", exception);
            }
        }

        private DbConnection Open() => storage.Kind == ArchiveStorageSettings.PostgresKind
            ? new NpgsqlConnection(storage.PostgresConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storage.Sqlite.Path, Mode = SqliteOpenMode.ReadOnly }.ToString());
    }
}
