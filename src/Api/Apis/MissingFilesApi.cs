using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Files declared missing and found again, by managers of the file's home branch or head office.
/// The file grain cancels the file's transit and requests and notifies the branches concerned.
/// Neither takes an Idempotency-Key: a repeat is answered 409 ("already declared missing", "not
/// missing"), which says what the first one did.
/// </summary>
public static class MissingFilesApi
{
    public static RouteGroupBuilder MapMissingFilesApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files/{id}").WithTags("Circulation");
        files.MapPost("/missing", DeclareMissing).WithName(nameof(DeclareMissing))
            .WithSummary("Declare the file missing, with a note: its transit and waiting requests are cancelled and the branches concerned notified")
            .RequireAuthorization(ArchivePolicies.DeclareMissing).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/found", Found).WithName(nameof(Found))
            .WithSummary("Record a missing file found: it is back on its home shelf")
            .RequireAuthorization(ArchivePolicies.DeclareMissing).RequireRateLimiting(WriteRateLimits.Policy);
        return files;
    }

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> DeclareMissing(
        string id, DeclareMissingCommand body, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.DeclareMissing(body, request.Actor));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Found(
        string id, FoundCommand body, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.Found(body, request.Actor));
}
