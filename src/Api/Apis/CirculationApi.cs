using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Cross-branch circulation of a file: requests and their queue, dispatch and receipt (the chain
/// of custody), pickup at the requesting branch, renewals. Each step is one grain call; the file
/// grain decides whether the step is in order (409 when not).
/// </summary>
public static class CirculationApi
{
    public static RouteGroupBuilder MapCirculationApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files/{id}").WithTags("Circulation");
        files.MapPost("/requests", RequestFile).WithName(nameof(RequestFile))
            .WithSummary("Request the file for a borrower at your branch (a checkout when it is on your shelf)")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapDelete("/requests/{requestId}", CancelRequest).WithName(nameof(CancelRequest))
            .WithSummary("Withdraw a request").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/dispatch", Dispatch).WithName(nameof(Dispatch))
            .WithSummary("Hand the file to a courier: to the first requester, or home").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/transit/cancel", CancelTransit).WithName(nameof(CancelTransit))
            .WithSummary("Call a dispatch back before it is received (the sending branch): the file is back where it was sent from")
            .RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/receive", Receive).WithName(nameof(Receive))
            .WithSummary("Take the file from the courier").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/pickup", Pickup).WithName(nameof(Pickup))
            .WithSummary("Lend the file to the borrower of the request it waits for").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/renew", Renew).WithName(nameof(Renew))
            .WithSummary("Extend the open loan").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/reading-sessions", OpenReading).WithName(nameof(OpenReading))
            .WithSummary("Open an on-site reading in the file's branch (a manager, who approves it)")
            .WithDescription("An accounting file, or a reading by an outside party, is opened only for an approved reading request: "
                + "give its `requestId` (its reader and purpose are then the request's). Any other file: `reader` and `purpose`.")
            .RequireAuthorization(ArchivePolicies.ApproveLending).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/reading-sessions/close", CloseReading).WithName(nameof(CloseReading))
            .WithSummary("Close the open reading; the file is back on its shelf").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/relocate", Relocate).WithName(nameof(Relocate))
            .WithSummary("Move the file's home to another cabinet or branch").RequireAuthorization(ArchivePolicies.ManageCabinets).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/custody", GetCustody).WithName(nameof(GetCustody))
            .WithSummary("The file's chain of custody, newest first")
            .WithDescription("Whole for whoever is shown the file. A branch the file was sent to or lent at, once it has left, sees only the events that "
                + "happened at it and the transits to and from it (`from`, `to`); a branch that handled nothing of the file is refused (403).")
            .RequireAuthorization(ArchivePolicies.Read);
        return files;
    }

    public static Task<Results<Ok<RequestAnswer>, ValidationProblem, ProblemHttpResult>> RequestFile(
        string id, RequestFileCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.Request(body, request.Actor, key));

    public static async Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> CancelRequest(
        string id, string requestId, [AsParameters] ArchiveRequest request)
    {
        if (FileIds.IsValid(id) && !Guid.TryParseExact(requestId, "D", out _))
        {
            return Problems.Invalid("requestId", "must be a lower-case GUID.");
        }
        return await FileGrainCalls.Read(id, request, file => file.CancelRequest(requestId, request.Actor));
    }

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Dispatch(
        string id, DispatchCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.Dispatch(body, request.Actor, key));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> CancelTransit(
        string id, CancelTransitCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.CancelTransit(body, request.Actor, key));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Receive(
        string id, ReceiveCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.Receive(body, request.Actor, key));

    public static Task<Results<Ok<Loan>, ValidationProblem, ProblemHttpResult>> Pickup(
        string id, PickupCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.Pickup(body, request.Actor, key));

    public static Task<Results<Ok<Loan>, ValidationProblem, ProblemHttpResult>> Renew(
        string id, RenewCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.Renew(body, request.Actor, key));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Relocate(
        string id, RelocateCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.Relocate(body, request.Actor));

    public static Task<Results<Ok<ReadingSession>, ValidationProblem, ProblemHttpResult>> OpenReading(
        string id, OpenReadingCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.OpenReading(body, request.Actor, key));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> CloseReading(
        string id, CloseReadingCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.CloseReading(body, request.Actor, key));

    public static Task<Results<Ok<IReadOnlyList<CustodyEvent>>, ValidationProblem, ProblemHttpResult>> GetCustody(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetCustody(request.Actor));
}
