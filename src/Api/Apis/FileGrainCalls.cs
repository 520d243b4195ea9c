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

    /// <summary>A call about one of the file's requests (reading, copy): its id is a lower-case GUID too.</summary>
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ReadOf<T>(
        string id, string requestId, ArchiveRequest request, Func<ICustomerFileGrain, Task<ArchiveResult<T>>> call) =>
        !FileIds.IsValid(id) ? InvalidId()
        : !Guid.TryParseExact(requestId, "D", out _) || requestId != requestId.ToLowerInvariant() ? Problems.Invalid("requestId", "must be a request's id (a lower-case GUID).")
        : GrainAnswers.Ok(await call(request.Grains.GetGrain<ICustomerFileGrain>(id)));

    public static ValidationProblem InvalidId() => Problems.Invalid("id", "must be a file id (a lower-case GUID).");
}
