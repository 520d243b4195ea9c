using Microsoft.AspNetCore.HttpLogging;

namespace BranchArchive.Api.Http;

/// <summary>
/// One log line per request, written when it ends: method, path, status and duration, under the
/// request's trace id (a log scope). No query strings, headers or bodies: they can carry tokens
/// and customers' details.
/// </summary>
public static class RequestLog
{
    public static IServiceCollection AddRequestLog(this IServiceCollection services) =>
        services.AddHttpLogging(log =>
        {
            log.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            log.CombineLogs = true;
        });
}
