using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Staff;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>A branch's staff list: the people files may be lent to there.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api/branches/{branch}/staff").WithTags("Borrowers");
        staff.MapGet("/", ListStaff).WithName(nameof(ListStaff))
            .WithSummary("The branch's staff list (who files may be lent to)").RequireAuthorization(ArchivePolicies.Read);
        staff.MapPut("/{staffId}", EnlistStaff).WithName(nameof(EnlistStaff))
            .WithSummary("Put a member of staff on the branch's staff list, or update them").RequireAuthorization(ArchivePolicies.ManageStaff)
            .RequireRateLimiting(WriteRateLimits.Policy);
        staff.MapDelete("/{staffId}", UnlistStaff).WithName(nameof(UnlistStaff))
            .WithSummary("Take a member of staff off the branch's staff list (their open loans stay open)").RequireAuthorization(ArchivePolicies.ManageStaff)
            .RequireRateLimiting(WriteRateLimits.Policy);
        return staff;
    }

    public static async Task<Results<Ok<IReadOnlyList<StaffMember>>, ValidationProblem, ProblemHttpResult>> ListStaff(
        string branch, [AsParameters] ArchiveRequest request) =>
        BadBranch(branch) ?? GrainAnswers.Ok(await request.Grains.GetGrain<IStaffDirectoryGrain>(branch).List(request.Actor));

    public static async Task<Results<Ok<StaffMember>, ValidationProblem, ProblemHttpResult>> EnlistStaff(
        string branch, string staffId, EnlistStaffCommand body, [AsParameters] ArchiveRequest request)
    {
        if (BadBranch(branch) is { } bad)
        {
            return bad;
        }
        var errors = body.Validate(staffId);
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IStaffDirectoryGrain>(branch).Enlist(staffId, body, request.Actor));
    }

    public static async Task<Results<Ok<StaffMember>, ValidationProblem, ProblemHttpResult>> UnlistStaff(
        string branch, string staffId, [AsParameters] ArchiveRequest request) =>
        BadBranch(branch) ?? GrainAnswers.Ok(await request.Grains.GetGrain<IStaffDirectoryGrain>(branch).Remove(staffId, request.Actor));

    private static ValidationProblem? BadBranch(string branch) =>
        Codes.Branch().IsMatch(branch) ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["branch"] = [$"must be {Codes.BranchDescription}."],
        });
}
