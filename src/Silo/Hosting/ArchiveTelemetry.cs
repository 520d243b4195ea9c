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
        ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Storage", "Microsoft.Orleans.Lifecycle"];

    public static OpenTelemetryBuilder AddArchiveTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        // Every log line carries the trace and span it was written in (shown by the JSON console
        // formatter, Logging__Console__FormatterName=json, and exported with the logs over OTLP).
        services.Configure<LoggerFactoryOptions>(logging =>
            logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(OrleansSources))
            .WithMetrics(metrics => metrics.AddMeter(OperationMetrics.MeterName, StorageMetrics.MeterName, "Microsoft.Orleans").AddRuntimeInstrumentation())
            .WithLogging();

        // The standard OTEL_EXPORTER_OTLP_* settings choose the collector; without one nothing is exported.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return telemetry;
    }

    /// <summary>
    /// A Prometheus scrape endpoint on its own port (<c>Telemetry:PrometheusPort</c>), for silo
    /// processes, which serve no HTTP otherwise. The API serves <c>/metrics</c> itself.
    /// </summary>
    public static OpenTelemetryBuilder AddPrometheusListener(this OpenTelemetryBuilder telemetry, IConfiguration configuration)
    {
        if (configuration.GetValue<int?>("Telemetry:PrometheusPort") is { } port)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusHttpListener(listener => { listener.Host = "+"; listener.Port = port; }));
        }
        return telemetry;
    }
}
