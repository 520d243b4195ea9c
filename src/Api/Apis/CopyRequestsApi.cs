using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Copies and extracts of a file's documents (复制、摘录): recorded requests (documents, pages, copies,
/// purpose), approved by the right person, then each copy made recorded. A scan download of
/// accounting or Restricted documents (<c>GET /api/files/{id}/scans/{digest}</c>) uses an approved
/// request of kind <c>ScanDownload</c>. The file grain decides who approves.
/// </summary>
public static class CopyRequestsApi
{
    public static RouteGroupBuilder MapCopyRequestsApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files/{id}/copy-requests").WithTags("Copies");
        files.MapPost("/", RequestCopy).WithName(nameof(RequestCopy))
            .WithSummary("Ask for photocopies or scan downloads of some of the file's documents and pages")
            .WithDescription("Accounting documents need a finance approver of the branch (`Accounting:FinanceApprovers`); a Restricted file a "
                + "manager of its branch or head office; both when both hold. A photocopy of anything else is approved as it is recorded; "
                + "scans of such documents are downloaded without a request (409). The branch's staff, head office and auditors ask.")
            .RequireAuthorization(ArchivePolicies.Read).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/", GetCopyRequests).WithName(nameof(GetCopyRequests))
            .WithSummary("The file's copy requests, newest first").RequireAuthorization(ArchivePolicies.Read);
        files.MapPost("/{requestId}/approve", ApproveCopy).WithName(nameof(ApproveCopy))
            .WithSummary("Give the approval of a copy request that is yours to give (finance approver, or a manager of the branch for a Restricted file)")
            .WithDescription("Refused (403, audited, nothing changed) to the requester and anyone who is not an approver the request waits for.")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{requestId}/refuse", RefuseCopy).WithName(nameof(RefuseCopy))
            .WithSummary("Refuse a copy request, with the reason (an approver it waits for)")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{requestId}/made", MarkCopyMade).WithName(nameof(MarkCopyMade))
            .WithSummary("Record the photocopies of an approved request as made and handed over")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        return files;
    }

    public static Task<Results<Ok<CopyRequest>, ValidationProblem, ProblemHttpResult>> RequestCopy(
        string id, RequestCopyCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.RequestCopy(body, request.Actor, key));

    public static Task<Results<Ok<IReadOnlyList<CopyRequest>>, ValidationProblem, ProblemHttpResult>> GetCopyRequests(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetCopyRequests(request.Actor));

    public static Task<Results<Ok<CopyRequest>, ValidationProblem, ProblemHttpResult>> ApproveCopy(
        string id, string requestId, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.ReadOf(id, requestId, request, file => file.ApproveCopy(requestId, request.Actor));

    public static Task<Results<Ok<CopyRequest>, ValidationProblem, ProblemHttpResult>> RefuseCopy(
        string id, string requestId, RefuseRequestCommand body, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.ReadOf(id, requestId, request, file => file.RefuseCopy(requestId, body, request.Actor));

    public static Task<Results<Ok<CopyRequest>, ValidationProblem, ProblemHttpResult>> MarkCopyMade(
        string id, string requestId, MarkCopyMadeCommand? body, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.ReadOf(id, requestId, request, file => file.MarkCopyMade(requestId, body ?? new MarkCopyMadeCommand(), request.Actor));
}
