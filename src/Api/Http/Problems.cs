using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Http;

/// <summary>RFC 9457 problem answers with the contract's titles.</summary>
public static class Problems
{
    public static ProblemHttpResult For(int status, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: TitleOf(status));

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, "One or more fields are invalid.");

    /// <summary>
    /// What a problem the framework wrote without a <c>detail</c> (401 from the token check, 404 of
    /// an unknown path, 405, ...) says: the contract requires a detail on every problem.
    /// </summary>
    public static string DefaultDetailOf(int status, HttpContext context) => status switch
    {
        StatusCodes.Status400BadRequest => "One or more fields are invalid.",
        StatusCodes.Status401Unauthorized => "Send a valid bearer token: Authorization: Bearer <token>.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => $"There is nothing at {context.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
        _ => $"The request failed with status {status}.",
    };

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid.",
        StatusCodes.Status401Unauthorized => "Authentication is required.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The content is not of a kind the archive accepts.",
        StatusCodes.Status503ServiceUnavailable => "The archive is unavailable.",
        _ => "The request failed.",
    };
}
