using System.Security.Claims;
using BranchArchive.Api.Auth;
using BranchArchive.Contracts.AccessLog;

namespace BranchArchive.Api.Http;

/// <summary>
/// Reads the purpose a caller states for a request (header <c>X-Access-Purpose</c>, or query
/// <c>purpose</c>; the header wins) and hands it to <see cref="ActorClaims.ToActor"/>, so the
/// grains write it into the access log. A purpose that is too long or not printable is a 400 that
/// reaches no grain. Only for authenticated callers: an anonymous request has no actor to carry it.
/// </summary>
public static class AccessPurposeMiddleware
{
    public static IApplicationBuilder UseAccessPurpose(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            string? purpose = context.Request.Headers.TryGetValue(AccessPurpose.Header, out var header) ? header.ToString()
                : context.Request.Query.TryGetValue(AccessPurpose.QueryParameter, out var query) ? query.ToString()
                : null;
            if (purpose is not null && context.User.Identity?.IsAuthenticated == true)
            {
                if (AccessPurpose.Refuse(purpose) is { } wrong)
                {
                    await Problems.For(StatusCodes.Status400BadRequest, $"The access purpose ({AccessPurpose.Header} or ?{AccessPurpose.QueryParameter}) {wrong}")
                        .ExecuteAsync(context);
                    return;
                }
                context.User.AddIdentity(new ClaimsIdentity([new Claim(ActorClaims.PurposeClaim, purpose.Trim())], ActorClaims.PurposeIdentity));
            }
            await next(context);
        });
}
