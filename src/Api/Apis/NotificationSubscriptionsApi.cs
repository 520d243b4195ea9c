using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Subscriptions of webhooks and e-mail to notices, their delivery logs, and the dead-letter list.
/// Who may do what is the subscriptions grain's to decide (managers: their branch; head office:
/// any branch or head office-wide; admins: the dead-letter list).
/// </summary>
public static class NotificationSubscriptionsApi
{
    public static RouteGroupBuilder MapNotificationSubscriptionsApi(this IEndpointRouteBuilder routes)
    {
        var subscriptions = routes.MapGroup("/api/notifications/subscriptions").WithTags("Notifications");
        subscriptions.MapPost("/", CreateSubscription).WithName(nameof(CreateSubscription))
            .WithSummary("Subscribe a webhook or an e-mail address to a branch's (or every branch's) notices; a webhook's signing secret is shown in this answer only")
            .RequireAuthorization(ArchivePolicies.ManageSubscriptions).RequireRateLimiting(WriteRateLimits.Policy);
        subscriptions.MapGet("/", ListSubscriptions).WithName(nameof(ListSubscriptions))
            .WithSummary("Subscriptions to notices: a manager's branch's, or (head office) all or one branch's").RequireAuthorization(ArchivePolicies.ManageSubscriptions);
        subscriptions.MapGet("/{id}", GetSubscription).WithName(nameof(GetSubscription))
            .WithSummary("One subscription (never its secret)").RequireAuthorization(ArchivePolicies.ManageSubscriptions);
        subscriptions.MapDelete("/{id}", DeleteSubscription).WithName(nameof(DeleteSubscription))
            .WithSummary("Remove a subscription and its delivery log").RequireAuthorization(ArchivePolicies.ManageSubscriptions)
            .RequireRateLimiting(WriteRateLimits.Policy);
        subscriptions.MapPost("/{id}/enable", EnableSubscription).WithName(nameof(EnableSubscription))
            .WithSummary("Resume a paused subscription").RequireAuthorization(ArchivePolicies.ManageSubscriptions)
            .RequireRateLimiting(WriteRateLimits.Policy);
        subscriptions.MapPost("/{id}/disable", DisableSubscription).WithName(nameof(DisableSubscription))
            .WithSummary("Pause a subscription: no new deliveries, pending ones wait").RequireAuthorization(ArchivePolicies.ManageSubscriptions)
            .RequireRateLimiting(WriteRateLimits.Policy);
        subscriptions.MapGet("/{id}/deliveries", ListSubscriptionDeliveries).WithName(nameof(ListSubscriptionDeliveries))
            .WithSummary("A subscription's delivery log: status, attempts, last error, newest first").RequireAuthorization(ArchivePolicies.ManageSubscriptions);

        var deliveries = routes.MapGroup("/api/notifications/deliveries").WithTags("Notifications");
        deliveries.MapGet("/parked", ListParkedDeliveries).WithName(nameof(ListParkedDeliveries))
            .WithSummary("The dead-letter list: deliveries given up after their last attempt (admins)").RequireAuthorization(ArchivePolicies.ReplayDeliveries);
        deliveries.MapPost("/parked/replay", ReplayParkedDeliveries).WithName(nameof(ReplayParkedDeliveries))
            .WithSummary("Send parked deliveries again: one (subscription and notice), or all (admins)").RequireAuthorization(ArchivePolicies.ReplayDeliveries)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireRateLimiting(WriteRateLimits.Policy);
        return subscriptions;
    }

    private static INoticeSubscriptionsGrain Subscriptions(ArchiveRequest request) => request.Grains.GetGrain<INoticeSubscriptionsGrain>(0);

    public static async Task<Results<Created<CreatedNoticeSubscription>, ValidationProblem, ProblemHttpResult>> CreateSubscription(
        CreateNoticeSubscriptionCommand body, HttpContext http, [AsParameters] ArchiveRequest request)
    {
        // The answer may carry the signing secret: no cache or proxy may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return GrainAnswers.Created(await Subscriptions(request).Create(body, request.Actor),
            created => $"/api/notifications/subscriptions/{created.Subscription.Id}");
    }

    public static async Task<Results<Ok<IReadOnlyList<NoticeSubscription>>, ValidationProblem, ProblemHttpResult>> ListSubscriptions(
        string? branch, [AsParameters] ArchiveRequest request) =>
        branch is not null && !Codes.Branch().IsMatch(branch)
            ? Problems.Invalid("branch", $"must be {Codes.BranchDescription}.")
            : GrainAnswers.Ok(await Subscriptions(request).List(branch, request.Actor));

    public static async Task<Results<Ok<NoticeSubscription>, ValidationProblem, ProblemHttpResult>> GetSubscription(
        string id, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).Get(id, request.Actor));

    public static async Task<Results<Ok<NoticeSubscription>, ValidationProblem, ProblemHttpResult>> DeleteSubscription(
        string id, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).Delete(id, request.Actor));

    public static async Task<Results<Ok<NoticeSubscription>, ValidationProblem, ProblemHttpResult>> EnableSubscription(
        string id, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).SetEnabled(id, true, request.Actor));

    public static async Task<Results<Ok<NoticeSubscription>, ValidationProblem, ProblemHttpResult>> DisableSubscription(
        string id, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).SetEnabled(id, false, request.Actor));

    public static async Task<Results<Ok<NoticeDeliveryPage>, ValidationProblem, ProblemHttpResult>> ListSubscriptionDeliveries(
        string id, int? page, int? pageSize, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).Deliveries(id, page ?? 1, pageSize ?? 50, request.Actor));

    public static async Task<Results<Ok<NoticeDeliveryPage>, ValidationProblem, ProblemHttpResult>> ListParkedDeliveries(
        int? page, int? pageSize, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).Parked(page ?? 1, pageSize ?? 50, request.Actor));

    public static async Task<Results<Ok<ReplayedDeliveries>, ValidationProblem, ProblemHttpResult>> ReplayParkedDeliveries(
        string? subscription, string? notice, [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await Subscriptions(request).Replay(subscription, notice, request.Actor));
}
