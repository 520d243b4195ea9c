using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// What every console log line of the API and the silos carries: a UTC timestamp, in the text
/// and in the JSON format alike, and the trace and span it was written in (as a scope), so a
/// request's lines can be found from its trace id and put in order across processes.
/// </summary>
public static class ArchiveLogging
{
    /// <summary>ISO 8601 in UTC with milliseconds; the text format needs the space before the level.</summary>
    public const string TextTimestamp = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public const string JsonTimestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static IServiceCollection AddArchiveLogging(this IServiceCollection services)
    {
        services.Configure<LoggerFactoryOptions>(logging =>
            logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // After the Logging:Console:FormatterOptions section is bound: a format set there wins.
        services.PostConfigure<SimpleConsoleFormatterOptions>(text =>
        {
            text.TimestampFormat ??= TextTimestamp;
            text.UseUtcTimestamp = true;
        });
        services.PostConfigure<JsonConsoleFormatterOptions>(json =>
        {
            json.TimestampFormat ??= JsonTimestamp;
            json.UseUtcTimestamp = true;
        });
        return services;
    }
}
