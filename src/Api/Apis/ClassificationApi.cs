using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Re-classification of files, each file's history of it, and head office's list of recent ones.</summary>
public static class ClassificationApi
{
    public static void MapClassificationApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files").WithTags("Classification");
        files.MapPost("/{id}/classification", Reclassify).WithName(nameof(Reclassify))
            .WithSummary("Move the file to other classes (importance, type, stage, relationship, sensitivity, period)")
            .RequireAuthorization(ArchivePolicies.ClassifyFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/{id}/classification/history", GetClassificationHistory).WithName(nameof(GetClassificationHistory))
            .WithSummary("The file's re-classifications, newest first").RequireAuthorization(ArchivePolicies.Read);
        routes.MapGet("/api/reclassifications", ListReclassifications).WithName(nameof(ListReclassifications)).WithTags("Classification")
            .WithSummary("Recent re-classifications across branches (head office), or of the caller's branch (managers), newest first")
            .RequireAuthorization(ArchivePolicies.ReadAudit);
    }

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Reclassify(
        string id, ReclassifyCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.Reclassify(body, request.Actor));

    public static Task<Results<Ok<IReadOnlyList<ClassificationChange>>, ValidationProblem, ProblemHttpResult>> GetClassificationHistory(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetClassificationHistory(request.Actor));

    /// <summary>The audit log is the register of who re-classified what; this reads its successful re-classifications.</summary>
    public static async Task<Results<Ok<AuditPage>, ValidationProblem, ProblemHttpResult>> ListReclassifications(
        [AsParameters] ArchiveRequest request, string? branch, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize)
    {
        var query = new AuditQuery(null, null, branch, from, to, page ?? 1, pageSize ?? 50,
            Action: AuditActions.Reclassify, Outcome: nameof(Outcome.Ok), NewestFirst: true);
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IAuditGrain>(0).Query(query, request.Actor));
    }
}
