using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Http;

/// <summary>Turns a grain's <see cref="ArchiveResult{T}"/> into the contract's HTTP answer.</summary>
public static class GrainAnswers
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Ok<T>(ArchiveResult<T> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value!) : Refusal(result);

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(ArchiveResult<T> result, Func<T, string> location) =>
        result.Succeeded
            ? TypedResults.Created(location(result.Value!), result.Value!)
            : result.Outcome == Outcome.Invalid
                ? TypedResults.ValidationProblem(result.Errors!, result.Detail)
                : Problems.For(StatusOf(result.Outcome), result.Detail);

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Refusal<T>(ArchiveResult<T> result) =>
        result.Outcome == Outcome.Invalid
            ? TypedResults.ValidationProblem(result.Errors!, result.Detail)
            : Problems.For(StatusOf(result.Outcome), result.Detail);

    public static int StatusOf(Outcome outcome) => outcome switch
    {
        Outcome.Invalid => StatusCodes.Status400BadRequest,
        Outcome.Forbidden => StatusCodes.Status403Forbidden,
        Outcome.NotFound => StatusCodes.Status404NotFound,
        Outcome.Conflict => StatusCodes.Status409Conflict,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal."),
    };
}
