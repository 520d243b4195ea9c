using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>The audit log: who did what, when, and whether the chain of entries is intact.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/api/audit").WithTags("Audit");
        audit.MapGet("/", QueryAudit).WithName(nameof(QueryAudit))
            .WithSummary("Audit entries by file, actor, branch, action, outcome and time, oldest or newest first").RequireAuthorization(ArchivePolicies.ReadAudit);
        audit.MapGet("/verify", VerifyAudit).WithName(nameof(VerifyAudit))
            .WithSummary("Re-compute the hash chain, hold it against the signed checkpoints, and answer the head to note outside the archive")
            .RequireAuthorization(ArchivePolicies.ReadAllAudit);
        audit.MapPost("/checkpoints", WriteAuditCheckpoint).WithName(nameof(WriteAuditCheckpoint))
            .WithSummary("Have a signed checkpoint of the log's head written now (409 when the log does not verify from the latest one on)")
            .RequireAuthorization(ArchivePolicies.ReadAllAudit).RequireRateLimiting(WriteRateLimits.Policy);
        return audit;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem, ProblemHttpResult>> QueryAudit(
        [AsParameters] ArchiveRequest request, string? fileId, string? actor, string? branch,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, string? action, string? outcome, bool? newestFirst)
    {
        var query = new AuditQuery(fileId, actor, branch, from, to, page ?? 1, pageSize ?? 50, action, outcome, newestFirst ?? false);
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IAuditGrain>(0).Query(query, request.Actor));
    }

    public static async Task<Results<Ok<AuditVerification>, ValidationProblem, ProblemHttpResult>> VerifyAudit(
        [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await request.Grains.GetGrain<IAuditGrain>(0).Verify(request.Actor));

    public static async Task<Results<Ok<AuditCheckpoint>, ValidationProblem, ProblemHttpResult>> WriteAuditCheckpoint(
        [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await request.Grains.GetGrain<IAuditCheckpointGrain>(0).Write(request.Actor));
}
