using System.Data.Common;
using System.Text.Json;
using BranchArchive.Contracts.AccessLog;
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
        var (status, detail) = Classify(exception, HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
        if (status >= 500)
        {
            LogFailure(exception, context.Request.Method, context.Request.Path);
        }
        context.Response.StatusCode = status;
        var problem = exception is BadHttpRequestException { InnerException: JsonException json } && status == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json)] = [ErrorOf(json)] })
            : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        (problem.Status, problem.Title, problem.Detail) = (status, Problems.TitleOf(status), detail);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>The body field a JSON error is about, named as validation errors name fields ("customer.type").</summary>
    private static string FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";

    /// <summary>Our converters say what they expect; the serializer's own wording names .NET types, so it is replaced.</summary>
    private static string ErrorOf(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong JSON type: send it as the OpenAPI document types it (numbers as JSON numbers, not in quotes)."
            : json.Path is null ? "is not valid JSON." : json.Message;

    /// <param name="read">A GET or HEAD changes nothing: its 503 says only that it may be asked again.</param>
    private static (int Status, string Detail) Classify(Exception exception, bool read) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, ProblemText.DescribeBadRequest(bad)),
        // Fail closed: a read whose access record could not be written discloses nothing.
        AccessLogUnavailableException => (StatusCodes.Status503ServiceUnavailable,
            "The archive could not record this read in its access log, so it shows nothing. Try again."),
        TimeoutException or InconsistentStateException or DbException or OrleansMessageRejectionException when read =>
            (StatusCodes.Status503ServiceUnavailable, "The archive could not answer just now (storage or a silo is unavailable). Try again."),
        TimeoutException => (StatusCodes.Status503ServiceUnavailable,
            "The archive did not confirm the change in time; it may or may not have been made. Repeat the request with the same Idempotency-Key to find out."),
        InconsistentStateException or DbException or OrleansMessageRejectionException =>
            (StatusCodes.Status503ServiceUnavailable, "The archive could not store the change, so it was not made. Try again."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogFailure(Exception exception, string method, string path);
}
