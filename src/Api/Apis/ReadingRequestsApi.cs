using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Reading requests (调阅申请): a reading of an accounting file, or by an outside party on an
/// official letter, is asked for and approved before its on-site reading opens
/// (<c>POST /api/files/{id}/reading-sessions</c> with the request's id). The file grain decides who approves.
/// </summary>
public static class ReadingRequestsApi
{
    public static RouteGroupBuilder MapReadingRequestsApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files/{id}/reading-requests").WithTags("Reading requests");
        files.MapPost("/", RequestReading).WithName(nameof(RequestReading))
            .WithSummary("Ask for an on-site reading that needs approval: of an accounting file, or by an outside party on an official letter")
            .WithDescription("An accounting file needs a finance approver of its branch (`Accounting:FinanceApprovers`); an outside party "
                + "(`outsideParty` with `letterReference`) needs head office, and for an accounting file the finance approver too. "
                + "A staff reading of any other file needs no request (409): a manager opens it directly.")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/", GetReadingRequests).WithName(nameof(GetReadingRequests))
            .WithSummary("The file's reading requests, newest first").RequireAuthorization(ArchivePolicies.Read);
        files.MapPost("/{requestId}/approve", ApproveReading).WithName(nameof(ApproveReading))
            .WithSummary("Give the approval of a reading request that is yours to give (finance approver, or head office for an outside party)")
            .WithDescription("Refused (403, audited, nothing changed) to the requester, the reader, and anyone who is not an approver the request waits for.")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{requestId}/refuse", RefuseReading).WithName(nameof(RefuseReading))
            .WithSummary("Refuse a reading request, with the reason (an approver it waits for)")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        return files;
    }

    public static Task<Results<Ok<ReadingRequest>, ValidationProblem, ProblemHttpResult>> RequestReading(
        string id, RequestReadingCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.RequestReading(body, request.Actor, key));

    public static Task<Results<Ok<IReadOnlyList<ReadingRequest>>, ValidationProblem, ProblemHttpResult>> GetReadingRequests(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetReadingRequests(request.Actor));

    public static Task<Results<Ok<ReadingRequest>, ValidationProblem, ProblemHttpResult>> ApproveReading(
        string id, string requestId, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.ReadOf(id, requestId, request, file => file.ApproveReading(requestId, request.Actor));

    public static Task<Results<Ok<ReadingRequest>, ValidationProblem, ProblemHttpResult>> RefuseReading(
        string id, string requestId, RefuseRequestCommand body, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.ReadOf(id, requestId, request, file => file.RefuseReading(requestId, body, request.Actor));
}
