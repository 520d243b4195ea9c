using Microsoft.AspNetCore.HttpLogging;
using BranchArchive.Contracts.Branches;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BranchArchive.Api.Apis;

/// <summary>Liveness (the process answers) and readiness (a grain call reaches storage and back).</summary>
public static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddArchiveHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<ArchiveReachable>("archive", tags: [ReadyTag]);

    public static void MapHealthApi(this IEndpointRouteBuilder routes)
    {
        // Probed every few seconds: kept out of the request log.
        routes.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous().WithHttpLogging(HttpLoggingFields.None);
        routes.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous().WithHttpLogging(HttpLoggingFields.None);
    }

    private sealed class ArchiveReachable(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await grains.GetGrain<IBranchDirectoryGrain>(0).Codes().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy("The archive's grains or storage do not answer.", exception);
            }
        }
    }
}
