using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace BranchArchive.Api.Http;

/// <summary>
/// Answers what escaped a handler as problem+json: a client's malformed request is a 4xx (never
/// a 500), and a storage or cluster failure is a 503 that tells the client whether to retry.
/// </summary>
public sealed partial class ArchiveExceptionHandler(IProblemDetailsService problems, ILogger<ArchiveExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = Classify(exception);
        if (status >= 500)
        {
            LogFailure(exception, context.Request.Method, context.Request.Path);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = Problems.TitleOf(status), Detail = detail },
        });
    }

    private static (int Status, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, ProblemText.DescribeBadRequest(bad)),
        TimeoutException => (StatusCodes.Status503ServiceUnavailable,
            "The archive did not confirm the change in time; it may or may not have been made. Repeat the request with the same Idempotency-Key to find out."),
        InconsistentStateException or DbException or SiloUnavailableException or OrleansMessageRejectionException =>
            (StatusCodes.Status503ServiceUnavailable, "The archive could not store the change, so it was not made. Try again."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogFailure(Exception exception, string method, string path);
}
