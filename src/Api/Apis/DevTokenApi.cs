using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary><c>POST /dev/token</c>: tokens for trying the archive out. Mapped only when <c>Auth:DevTokens</c> is true.</summary>
public static class DevTokenApi
{
    public sealed record DevTokenRequest(string? Sub, string[]? Roles, string? Branch);

    public sealed record DevTokenResponse(string Token);

    public static void MapDevTokenApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/dev/token", IssueDevToken).WithName(nameof(IssueDevToken)).WithTags("Development")
            .WithSummary("Issue a token for development (embedded mode only)").AllowAnonymous();

    public static Results<Ok<DevTokenResponse>, ValidationProblem> IssueDevToken(DevTokenRequest body, DevTokenIssuer issuer)
    {
        var errors = new ValidationErrors();
        errors.RequiredText("sub", body.Sub, 100);
        var roles = body.Roles ?? [];
        if (roles.Length == 0 || roles.Any(role => !ActorClaims.TryParseRole(role, out _)))
        {
            errors.Add("roles", "must list one or more of clerk, manager, archivist, auditor, admin.");
        }
        if (body.Branch is not null)
        {
            errors.Pattern("branch", body.Branch, Codes.Branch(), Codes.BranchDescription);
        }
        else if (roles.Contains("clerk") || roles.Contains("manager"))
        {
            errors.Add("branch", "is required for clerks and managers.");
        }
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(body.Sub!, roles.Distinct(), body.Branch)));
    }
}
