using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>The access log of reads: who has seen a customer's file, and what a person has viewed.</summary>
public static class AccessLogApi
{
    public static RouteGroupBuilder MapAccessLogApi(this IEndpointRouteBuilder routes)
    {
        var log = routes.MapGroup("/api/access-log").WithTags("Access log");
        log.MapGet("/", QueryAccessLog).WithName(nameof(QueryAccessLog))
            .WithSummary("Who read a file (fileId or fileNumber) or what a person read (subject), newest first; a manager sees only the own branch's files")
            .RequireAuthorization(ArchivePolicies.ReadAudit);
        log.MapGet("/verify", VerifyAccessLog).WithName(nameof(VerifyAccessLog))
            .WithSummary("Re-compute the access log's hash chains from their oldest kept entry and hold them against the signed audit checkpoints")
            .RequireAuthorization(ArchivePolicies.ReadAllAudit);
        return log;
    }

    public static async Task<Results<Ok<AccessPage>, ValidationProblem, ProblemHttpResult>> QueryAccessLog(
        [AsParameters] ArchiveRequest request, string? fileId, long? fileNumber, string? subject, string? kind,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize)
    {
        var query = new AccessLogQuery(fileId, fileNumber, subject, from, to, page ?? 1, pageSize ?? 50, kind);
        var errors = query.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IAccessLogGrain>(0).Query(query, request.Actor));
    }

    public static async Task<Results<Ok<AuditVerification>, ValidationProblem, ProblemHttpResult>> VerifyAccessLog(
        [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await request.Grains.GetGrain<IAccessLogGrain>(0).Verify(request.Actor));
}
