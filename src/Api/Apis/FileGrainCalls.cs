using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// The checks every call to one file grain shares before it is made (a well-formed id; for a
/// write, a well-formed Idempotency-Key), then the call and the mapping of its answer.
/// </summary>
internal static class FileGrainCalls
{
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Read<T>(
        string id, ArchiveRequest request, Func<ICustomerFileGrain, Task<ArchiveResult<T>>> call) =>
        FileIds.IsValid(id)
            ? GrainAnswers.Ok(await call(request.Grains.GetGrain<ICustomerFileGrain>(id)))
            : InvalidId();

    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Write<T>(
        string id, ArchiveWrite request, Func<ICustomerFileGrain, string?, Task<ArchiveResult<T>>> call)
    {
        if (!FileIds.IsValid(id))
        {
            return InvalidId();
        }
        if (IdempotencyKeys.Check(request.IdempotencyKey) is { } badKey)
        {
            return badKey;
        }
        return GrainAnswers.Ok(await call(request.Grains.GetGrain<ICustomerFileGrain>(id), request.IdempotencyKey));
    }

    public static ValidationProblem InvalidId() => Problems.Invalid("id", "must be a file id (a lower-case GUID).");
}
