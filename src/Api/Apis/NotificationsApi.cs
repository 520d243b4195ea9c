using System.Text.RegularExpressions;
using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Notices to a branch, or to a member of staff in person, newest first: with their read state,
/// filtered by kind, read state and when they were raised; marked read or unread by whom they are for.
/// </summary>
public static partial class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/notifications").WithTags("Circulation");
        notifications.MapGet("/", ListNotifications).WithName(nameof(ListNotifications))
            .WithSummary("Notices of a branch, or with mine=true those addressed to the caller; filtered by kind, read state and time")
            .RequireAuthorization(ArchivePolicies.Read);
        notifications.MapPost("/notices/{id}/read", MarkNotificationRead).WithName(nameof(MarkNotificationRead))
            .WithSummary("Mark a notice read: for its whole branch, or for its recipient (audited)")
            .RequireAuthorization(ArchivePolicies.Read).RequireRateLimiting(WriteRateLimits.Policy);
        notifications.MapPost("/notices/{id}/unread", MarkNotificationUnread).WithName(nameof(MarkNotificationUnread))
            .WithSummary("Mark a notice unread again (audited)")
            .RequireAuthorization(ArchivePolicies.Read).RequireRateLimiting(WriteRateLimits.Policy);
        return notifications;
    }

    /// <param name="branch">A branch's notices (head office and auditors: any; others: their own). Unset: the caller's branch, or every branch for head office.</param>
    /// <param name="mine">true: only the notices addressed to the caller in person (e.g. a file arrived for them to pick up).</param>
    /// <param name="unread">true: only unread notices; false: only read ones. Unset: both.</param>
    /// <param name="kind">Only notices of these kinds (repeat the parameter for several).</param>
    /// <param name="since">Only notices raised at or after this time (ISO 8601).</param>
    /// <param name="before">Only notices raised before this time (ISO 8601).</param>
    public static async Task<Results<Ok<LoanNoticePage>, ValidationProblem, ProblemHttpResult>> ListNotifications(
        string? branch, int? page, int? pageSize, bool? mine, bool? unread,
        [FromQuery(Name = "kind")] string[]? kind, DateTimeOffset? since, DateTimeOffset? before, [AsParameters] ArchiveRequest request)
    {
        if (branch is not null && !Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        var kinds = new List<NoticeKind>();
        foreach (var name in kind ?? [])
        {
            // By name only, as written in the answers: "3" or a misspelt kind would silently list nothing.
            if (Enum.GetNames<NoticeKind>().FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) is not { } known)
            {
                return Problems.Invalid("kind", $"must be one of {string.Join(", ", Enum.GetNames<NoticeKind>())}.");
            }
            kinds.Add(Enum.Parse<NoticeKind>(known));
        }
        var filter = new NoticeFilter(branch, page ?? 1, pageSize ?? 50, kinds, since, before, mine ?? false, unread is { } u ? !u : null);
        return GrainAnswers.Ok(await request.Grains.GetGrain<INoticeBoardGrain>(0).Find(filter, request.Actor));
    }

    public static Task<Results<Ok<LoanNotice>, ValidationProblem, ProblemHttpResult>> MarkNotificationRead(string id, [AsParameters] ArchiveRequest request) =>
        MarkAsync(id, read: true, request);

    public static Task<Results<Ok<LoanNotice>, ValidationProblem, ProblemHttpResult>> MarkNotificationUnread(string id, [AsParameters] ArchiveRequest request) =>
        MarkAsync(id, read: false, request);

    private static async Task<Results<Ok<LoanNotice>, ValidationProblem, ProblemHttpResult>> MarkAsync(string id, bool read, ArchiveRequest request) =>
        NoticeId().IsMatch(id)
            ? GrainAnswers.Ok(await request.Grains.GetGrain<INoticeBoardGrain>(0).Mark(id, read, request.Actor))
            : Problems.Invalid("id", "must be a notice's id: ntc_ and 32 lower-case hexadecimal digits.");

    [GeneratedRegex("^ntc_[0-9a-f]{32}$")]
    private static partial Regex NoticeId();
}
