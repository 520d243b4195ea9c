using BranchArchive.Api.Http;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BranchArchive.Api.Auth;

/// <summary>
/// Writes every request the role policies turn away into the audit log, then answers 403 as the
/// grains' branch-scope refusals are answered: problem+json with the same title and a
/// <c>detail</c> saying which roles may. Unauthenticated requests (401) are not audited: they
/// carry no identity to record.
/// </summary>
public sealed class AuditedAuthorizationResultHandler(IGrainFactory grains, IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || context.User.Identity?.IsAuthenticated != true)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var actor = context.User.ToActor();
        var detail = Why(context, actor);
        await grains.GetGrain<IAuditGrain>(0).RecordDenied(actor, $"http {context.Request.Method} {context.Request.Path}",
            context.Request.RouteValues.TryGetValue("branch", out var branch) ? branch as string : null, detail);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = Problems.TitleOf(StatusCodes.Status403Forbidden), Detail = detail },
        });
    }

    /// <summary>E.g. "Your role(s) (clerk) may not call POST /api/files/{id}/reading-sessions; it takes one of: manager, archivist, admin."</summary>
    private static string Why(HttpContext context, Actor actor)
    {
        var endpoint = context.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var allowed = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy is { } name ? ArchivePolicies.RolesOf(name) : null)
            .OfType<StaffRoles>()
            .Aggregate(StaffRoles.None, (all, roles) => all == StaffRoles.None ? roles : all & roles) ?? StaffRoles.None;
        var roles = actor.RoleNames.Length == 0 ? "none" : actor.RoleNames;
        var takes = allowed == StaffRoles.None ? "" : $"; it takes one of: {new Actor("", allowed, null).RoleNames.Replace(",", ", ", StringComparison.Ordinal)}";
        return $"Your role(s) ({roles}) may not call {context.Request.Method} /{route.TrimStart('/')}{takes}.";
    }
}
