using BranchArchive.Contracts.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BranchArchive.Api.Auth;

/// <summary>
/// Writes every request the role policies turn away into the audit log before answering 403.
/// (Branch-scope denials are audited by the grains, which know the branch.) Unauthenticated
/// requests (401) are not audited: they carry no identity to record.
/// </summary>
public sealed class AuditedAuthorizationResultHandler(IGrainFactory grains) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var actor = context.User.ToActor();
            var endpoint = context.GetEndpoint()?.DisplayName ?? context.Request.Path.Value ?? "";
            await grains.GetGrain<IAuditGrain>(0).RecordDenied(actor, $"http {context.Request.Method} {context.Request.Path}",
                context.Request.RouteValues.TryGetValue("branch", out var branch) ? branch as string : null,
                $"Role(s) '{actor.RoleNames}' may not call {endpoint}.");
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
