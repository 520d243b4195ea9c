using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Retention;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Retention: the list for destruction, legal holds, and two-person destruction before witnesses.</summary>
public static class RetentionApi
{
    public static void MapRetentionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/retention/due", ListDueForDestruction).WithName(nameof(ListDueForDestruction)).WithTags("Retention")
            .WithSummary("Files past their retention, longest overdue first (managers: their branch)").RequireAuthorization(ArchivePolicies.ReadRetention);
        var files = routes.MapGroup("/api/files").WithTags("Retention");
        files.MapPost("/{id}/legal-hold", PlaceLegalHold).WithName(nameof(PlaceLegalHold))
            .WithSummary("Keep the file from destruction until lifted (archivists)").RequireAuthorization(ArchivePolicies.HoldFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapDelete("/{id}/legal-hold", LiftLegalHold).WithName(nameof(LiftLegalHold))
            .WithSummary("Lift the file's legal hold (archivists)").RequireAuthorization(ArchivePolicies.HoldFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{id}/destruction", RequestDestruction).WithName(nameof(RequestDestruction))
            .WithSummary("Propose a file past its retention for destruction").RequireAuthorization(ArchivePolicies.DestroyFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{id}/destruction/approvals", ApproveDestruction).WithName(nameof(ApproveDestruction))
            .WithSummary("Approve the pending destruction as the branch's manager or as an archivist").RequireAuthorization(ArchivePolicies.DestroyFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{id}/destruction/execute", Destroy).WithName(nameof(Destroy))
            .WithSummary("Destroy the twice-approved file before at least two witnesses").RequireAuthorization(ArchivePolicies.DestroyFiles).RequireRateLimiting(WriteRateLimits.Policy);
    }

    public static async Task<Results<Ok<IReadOnlyList<RetentionDue>>, ValidationProblem, ProblemHttpResult>> ListDueForDestruction(
        [AsParameters] ArchiveRequest request, string? branch, int? limit) =>
        GrainAnswers.Ok(await request.Grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, limit ?? 100, request.Actor));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> PlaceLegalHold(
        string id, PlaceLegalHoldCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.PlaceLegalHold(body, request.Actor));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> LiftLegalHold(
        string id, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.LiftLegalHold(request.Actor));

    public static Task<Results<Ok<DestructionRequest>, ValidationProblem, ProblemHttpResult>> RequestDestruction(
        string id, RequestDestructionCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.RequestDestruction(body, request.Actor));

    public static Task<Results<Ok<DestructionRequest>, ValidationProblem, ProblemHttpResult>> ApproveDestruction(
        string id, ApproveDestructionCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.ApproveDestruction(body, request.Actor));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Destroy(
        string id, DestroyFileCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.Destroy(body, request.Actor));
}
