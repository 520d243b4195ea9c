using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Purpose-bound access (issue 21): asking to read a file one is not shown in full, the approvers'
/// decisions and reviews, a file's requests and the caller's own. The rules are the file grain's
/// (<c>CustomerFileGrain.Access.cs</c>); this checks ids and maps answers.
/// </summary>
public static class AccessRequestsApi
{
    public static void MapAccessRequestsApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files/{id}/access-requests").WithTags("Access requests");
        files.MapPost("", RequestAccess).WithName(nameof(RequestAccess))
            .WithSummary("Ask to read a file you are not shown in full, with a reason, for some hours (branch staff)")
            .WithDescription("Answers the request only; nothing of the file is shown until a manager of its branch or head office approves it.")
            .RequireAuthorization(ArchivePolicies.RequestAccess).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/emergency", EmergencyAccess).WithName(nameof(EmergencyAccess))
            .WithSummary("Emergency access: granted at once for Access:EmergencyGrant, to be reviewed within Access:EmergencyReviewWithin")
            .RequireAuthorization(ArchivePolicies.RequestAccess).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("", GetAccessRequests).WithName(nameof(GetAccessRequests))
            .WithSummary("The file's access requests, newest first: all for its approvers and auditors, your own for anyone else")
            .RequireAuthorization(ArchivePolicies.Read);
        files.MapPost("/{requestId}/approve", ApproveAccess).WithName(nameof(ApproveAccess))
            .WithSummary("Approve a pending access request for some hours (a manager of the file's branch or head office; not your own)")
            .RequireAuthorization(ArchivePolicies.ApproveAccess).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{requestId}/refuse", RefuseAccess).WithName(nameof(RefuseAccess))
            .WithSummary("Refuse a pending access request, with a reason").RequireAuthorization(ArchivePolicies.ApproveAccess).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{requestId}/review", ReviewAccess).WithName(nameof(ReviewAccess))
            .WithSummary("Review an emergency grant, and revoke it if it should not go on").RequireAuthorization(ArchivePolicies.ApproveAccess).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{requestId}/withdraw", WithdrawAccess).WithName(nameof(WithdrawAccess))
            .WithSummary("Withdraw your own access request; a grant ends at once").RequireAuthorization(ArchivePolicies.RequestAccess).RequireRateLimiting(WriteRateLimits.Policy);
        routes.MapGet("/api/access-requests/mine", MyAccessRequests).WithName(nameof(MyAccessRequests)).WithTags("Access requests")
            .WithSummary("Your own access requests across files, newest first").RequireAuthorization(ArchivePolicies.Read);
    }

    public static Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> RequestAccess(
        string id, RequestAccessCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.RequestAccess(body, request.Actor, key));

    public static Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> EmergencyAccess(
        string id, RequestAccessCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.EmergencyAccess(body, request.Actor, key));

    public static Task<Results<Ok<IReadOnlyList<AccessRequest>>, ValidationProblem, ProblemHttpResult>> GetAccessRequests(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetAccessRequests(request.Actor));

    public static Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> ApproveAccess(
        string id, string requestId, ApproveAccessCommand body, [AsParameters] ArchiveRequest request) =>
        Decide(id, requestId, request, file => file.ApproveAccess(requestId, body, request.Actor));

    public static Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> RefuseAccess(
        string id, string requestId, DecideAccessCommand body, [AsParameters] ArchiveRequest request) =>
        Decide(id, requestId, request, file => file.RefuseAccess(requestId, body, request.Actor));

    public static Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> ReviewAccess(
        string id, string requestId, ReviewAccessCommand body, [AsParameters] ArchiveRequest request) =>
        Decide(id, requestId, request, file => file.ReviewAccess(requestId, body, request.Actor));

    public static Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> WithdrawAccess(
        string id, string requestId, DecideAccessCommand? body, [AsParameters] ArchiveRequest request) =>
        Decide(id, requestId, request, file => file.WithdrawAccess(requestId, body ?? new DecideAccessCommand(null), request.Actor));

    /// <summary>
    /// The caller's requests: the files they asked about (their own list), each asked for the
    /// requests it holds of theirs. A file gone or answering nothing of theirs is skipped.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<AccessRequest>>> MyAccessRequests([AsParameters] ArchiveRequest request)
    {
        var actor = request.Actor;
        var files = await request.Grains.GetGrain<IAccessRequesterGrain>(actor.Subject).Files();
        var answers = await Task.WhenAll(files.Select(id => request.Grains.GetGrain<ICustomerFileGrain>(id).GetAccessRequests(actor)));
        IReadOnlyList<AccessRequest> mine = [.. answers.Where(a => a.Succeeded).SelectMany(a => a.Value!)
            .Where(r => r.Requester == actor.Subject).OrderByDescending(r => r.RequestedAt)];
        return TypedResults.Ok(mine);
    }

    private static async Task<Results<Ok<AccessRequest>, ValidationProblem, ProblemHttpResult>> Decide(
        string id, string requestId, ArchiveRequest request, Func<ICustomerFileGrain, Task<ArchiveResult<AccessRequest>>> call)
    {
        if (!FileIds.IsValid(id))
        {
            return FileGrainCalls.InvalidId();
        }
        if (!Guid.TryParseExact(requestId, "D", out _))
        {
            return Problems.Invalid("requestId", "must be an access request id (a GUID).");
        }
        return GrainAnswers.Ok(await call(request.Grains.GetGrain<ICustomerFileGrain>(id)));
    }
}
