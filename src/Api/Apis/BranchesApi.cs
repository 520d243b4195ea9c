using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Branch offices and their cabinets.</summary>
public static class BranchesApi
{
    public static RouteGroupBuilder MapBranchesApi(this IEndpointRouteBuilder routes)
    {
        var branches = routes.MapGroup("/api/branches").WithTags("Branches");
        branches.MapPost("/", OpenBranch).WithName(nameof(OpenBranch))
            .WithSummary("Open a branch office").RequireAuthorization(ArchivePolicies.ManageBranches).RequireRateLimiting(WriteRateLimits.Policy);
        branches.MapGet("/", ListBranches).WithName(nameof(ListBranches))
            .WithSummary("List every branch office").RequireAuthorization(ArchivePolicies.Read);
        branches.MapGet("/{branch}", GetBranch).WithName(nameof(GetBranch))
            .WithSummary("A branch office and its cabinets").RequireAuthorization(ArchivePolicies.Read);
        branches.MapPost("/{branch}/cabinets", AddCabinet).WithName(nameof(AddCabinet))
            .WithSummary("Set up a cabinet in a branch").RequireAuthorization(ArchivePolicies.ManageCabinets).RequireRateLimiting(WriteRateLimits.Policy);
        branches.MapPut("/{branch}/cabinets/{cabinet}/custodian", AssignCustodian).WithName(nameof(AssignCustodian))
            .WithSummary("Name the cabinet's custodian").RequireAuthorization(ArchivePolicies.ManageCabinets).RequireRateLimiting(WriteRateLimits.Policy);
        branches.MapGet("/{branch}/cabinets/{cabinet}", GetCabinet).WithName(nameof(GetCabinet))
            .WithSummary("A cabinet and how full it is").RequireAuthorization(ArchivePolicies.Read);
        return branches;
    }

    public static async Task<Results<Created<Branch>, ValidationProblem, ProblemHttpResult>> OpenBranch(
        CreateBranchCommand body, [AsParameters] ArchiveWrite request)
    {
        if (IdempotencyKeys.Check(request.IdempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var errors = body.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var result = await request.Grains.GetGrain<IBranchGrain>(body.Code!).Open(body, request.Actor, request.IdempotencyKey);
        return GrainAnswers.Created(result, branch => $"/api/branches/{branch.Code}");
    }

    public static async Task<Ok<Branch[]>> ListBranches([AsParameters] ArchiveRequest request)
    {
        var codes = await request.Grains.GetGrain<IBranchDirectoryGrain>(0).Codes();
        var branches = await Task.WhenAll(codes.Select(code => request.Grains.GetGrain<IBranchGrain>(code).Describe()));
        return TypedResults.Ok(branches.OfType<Branch>().ToArray());
    }

    public static async Task<Results<Ok<Branch>, ValidationProblem, ProblemHttpResult>> GetBranch(
        string branch, [AsParameters] ArchiveRequest request)
    {
        if (!Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IBranchGrain>(branch).Get(request.Actor));
    }

    public static async Task<Results<Created<Cabinet>, ValidationProblem, ProblemHttpResult>> AddCabinet(
        string branch, CreateCabinetCommand body, [AsParameters] ArchiveWrite request)
    {
        if (!Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        if (IdempotencyKeys.Check(request.IdempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var result = await request.Grains.GetGrain<IBranchGrain>(branch).AddCabinet(body, request.Actor, request.IdempotencyKey);
        return GrainAnswers.Created(result, cabinet => $"/api/branches/{cabinet.Branch}/cabinets/{cabinet.Code}");
    }

    public static async Task<Results<Ok<Cabinet>, ValidationProblem, ProblemHttpResult>> AssignCustodian(
        string branch, string cabinet, AssignCustodianCommand body, [AsParameters] ArchiveRequest request)
    {
        if (!Codes.Branch().IsMatch(branch) || !Codes.Cabinet().IsMatch(cabinet))
        {
            return Problems.Invalid(Codes.Branch().IsMatch(branch) ? "cabinet" : "branch", "is not a valid code.");
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, cabinet)).AssignCustodian(body, request.Actor));
    }

    public static async Task<Results<Ok<Cabinet>, ValidationProblem, ProblemHttpResult>> GetCabinet(
        string branch, string cabinet, [AsParameters] ArchiveRequest request)
    {
        if (!Codes.Branch().IsMatch(branch) || !Codes.Cabinet().IsMatch(cabinet))
        {
            return Problems.Invalid("cabinet", "must be a branch code and a cabinet code.");
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, cabinet)).Get(request.Actor));
    }
}
