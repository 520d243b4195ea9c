using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using BranchArchive.Grains.Telemetry;
using BranchArchive.Persistence;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BranchArchive.Silo.Hosting;

/// <summary>Traces and metrics of the archive and of Orleans, exported over OTLP when a collector is configured.</summary>
public static class ArchiveTelemetry
{
    private static readonly string[] OrleansSources =
        ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Storage", "Microsoft.Orleans.Lifecycle",
         BranchArchive.Persistence.AccessLog.AccessLogMetrics.TracingName, BranchArchive.Persistence.Audit.AuditLogMetrics.TracingName,
         BranchArchive.Persistence.Changes.ChangeStoreMetrics.TracingName];

    public static OpenTelemetryBuilder AddArchiveTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        // Every log line carries a timestamp and the trace and span it was written in.
        services.AddArchiveLogging();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(OrleansSources))
            .WithMetrics(metrics => metrics.AddMeter(OperationMetrics.MeterName, StorageMetrics.MeterName, "Microsoft.Orleans")
                .AddArchiveHistogramViews()
                .AddRuntimeInstrumentation())
            .WithLogging();

        // The standard OTEL_EXPORTER_OTLP_* settings choose the collector; without one nothing is exported.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return telemetry;
    }
}
