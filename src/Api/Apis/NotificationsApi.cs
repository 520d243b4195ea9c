using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Notices to a branch about its loans: due soon and overdue, newest first.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/notifications").WithTags("Circulation");
        notifications.MapGet("/", ListNotifications).WithName(nameof(ListNotifications))
            .WithSummary("Loan notices of a branch (due soon, overdue)").RequireAuthorization(ArchivePolicies.Read);
        return notifications;
    }

    public static async Task<Results<Ok<LoanNoticePage>, ValidationProblem, ProblemHttpResult>> ListNotifications(
        string? branch, int? page, int? pageSize, [AsParameters] ArchiveRequest request)
    {
        if (branch is not null && !Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<INoticeBoardGrain>(0).List(branch, page ?? 1, pageSize ?? 50, request.Actor));
    }
}
