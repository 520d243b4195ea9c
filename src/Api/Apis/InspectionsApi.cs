using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Quarterly inspections (stocktakes) of cabinets: what is due, the sessions, their reports.</summary>
public static class InspectionsApi
{
    private const string Cabinet = "/api/branches/{branch}/cabinets/{cabinet}/inspections";

    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder routes)
    {
        var inspections = routes.MapGroup("").WithTags("Inspections");
        inspections.MapGet("/api/inspections/due", ListDueInspections).WithName(nameof(ListDueInspections))
            .WithSummary("Cabinets due or overdue for inspection: of a branch, or (head office) of all").RequireAuthorization(ArchivePolicies.Read);
        inspections.MapGet("/api/branches/{branch}/inspections", ListBranchInspections).WithName(nameof(ListBranchInspections))
            .WithSummary("The inspections of every cabinet of a branch, newest first").RequireAuthorization(ArchivePolicies.Read);
        inspections.MapGet(Cabinet, ListCabinetInspections).WithName(nameof(ListCabinetInspections))
            .WithSummary("A cabinet's open inspection and its stored reports, newest first").RequireAuthorization(ArchivePolicies.Read);
        inspections.MapPost(Cabinet, StartInspection).WithName(nameof(StartInspection))
            .WithSummary("Start an inspection: locks the cabinet's files until it is completed (a repeat answers the open one)")
            .RequireAuthorization(ArchivePolicies.InspectCabinets).RequireRateLimiting(WriteRateLimits.Policy);
        inspections.MapGet(Cabinet + "/{id}", GetInspection).WithName(nameof(GetInspection))
            .WithSummary("An open inspection with its running reconciliation (missing so far, misplaced, unexpected), or a stored report").RequireAuthorization(ArchivePolicies.Read);
        inspections.MapPost(Cabinet + "/{id}/found", RecordFoundFiles).WithName(nameof(RecordFoundFiles))
            .WithSummary("Record file numbers found in the cabinet, one or a batch; repeats are harmless. Answers the running reconciliation")
            .RequireAuthorization(ArchivePolicies.InspectCabinets).RequireRateLimiting(WriteRateLimits.Policy);
        inspections.MapPost(Cabinet + "/{id}/complete", CompleteInspection).WithName(nameof(CompleteInspection))
            .WithSummary("Complete the inspection: reconcile, mark files missing or found again, unlock, store the report")
            .RequireAuthorization(ArchivePolicies.InspectCabinets).RequireRateLimiting(WriteRateLimits.Policy);
        inspections.MapPost(Cabinet + "/{id}/abandon", AbandonInspection).WithName(nameof(AbandonInspection))
            .WithSummary("Call off an open inspection: files unlocked unchanged, the cabinet stays due")
            .RequireAuthorization(ArchivePolicies.AbandonInspections).RequireRateLimiting(WriteRateLimits.Policy);
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<InspectionSchedule>>, ValidationProblem, ProblemHttpResult>> ListDueInspections(
        string? branch, [AsParameters] ArchiveRequest request)
    {
        if (branch is not null && !Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IInspectionBoardGrain>(0).ListDue(branch, request.Actor));
    }

    public static async Task<Results<Ok<IReadOnlyList<InspectionSummary>>, ValidationProblem, ProblemHttpResult>> ListBranchInspections(
        string branch, [AsParameters] ArchiveRequest request)
    {
        if (!Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IInspectionBoardGrain>(0).ListForBranch(branch, request.Actor));
    }

    public static async Task<Results<Ok<IReadOnlyList<InspectionSummary>>, ValidationProblem, ProblemHttpResult>> ListCabinetInspections(
        string branch, string cabinet, [AsParameters] ArchiveRequest request)
    {
        if (CheckPlace(branch, cabinet, null) is { } invalid)
        {
            return invalid;
        }
        return GrainAnswers.Ok(await Inspections(request.Grains, branch, cabinet).List(request.Actor));
    }

    public static async Task<Results<Created<Inspection>, ValidationProblem, ProblemHttpResult>> StartInspection(
        string branch, string cabinet, [AsParameters] ArchiveRequest request)
    {
        if (CheckPlace(branch, cabinet, null) is { } invalid)
        {
            return invalid;
        }
        var result = await Inspections(request.Grains, branch, cabinet).Start(request.Actor);
        return GrainAnswers.Created(result, inspection => $"/api/branches/{branch}/cabinets/{cabinet}/inspections/{inspection.Id}");
    }

    public static async Task<Results<Ok<Inspection>, ValidationProblem, ProblemHttpResult>> GetInspection(
        string branch, string cabinet, string id, [AsParameters] ArchiveRequest request)
    {
        if (CheckPlace(branch, cabinet, id) is { } invalid)
        {
            return invalid;
        }
        return GrainAnswers.Ok(await Inspections(request.Grains, branch, cabinet).Get(id, request.Actor));
    }

    public static async Task<Results<Ok<Inspection>, ValidationProblem, ProblemHttpResult>> RecordFoundFiles(
        string branch, string cabinet, string id, RecordFoundCommand body, [AsParameters] ArchiveRequest request)
    {
        if (CheckPlace(branch, cabinet, id) is { } invalid)
        {
            return invalid;
        }
        var errors = body.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await Inspections(request.Grains, branch, cabinet).RecordFound(id, body, request.Actor));
    }

    public static async Task<Results<Ok<Inspection>, ValidationProblem, ProblemHttpResult>> CompleteInspection(
        string branch, string cabinet, string id, [AsParameters] ArchiveRequest request)
    {
        if (CheckPlace(branch, cabinet, id) is { } invalid)
        {
            return invalid;
        }
        return GrainAnswers.Ok(await Inspections(request.Grains, branch, cabinet).Complete(id, request.Actor));
    }

    public static async Task<Results<Ok<Inspection>, ValidationProblem, ProblemHttpResult>> AbandonInspection(
        string branch, string cabinet, string id, AbandonInspectionCommand body, [AsParameters] ArchiveRequest request)
    {
        if (CheckPlace(branch, cabinet, id) is { } invalid)
        {
            return invalid;
        }
        var errors = body.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await Inspections(request.Grains, branch, cabinet).Abandon(id, body, request.Actor));
    }

    private static ICabinetInspectionGrain Inspections(IGrainFactory grains, string branch, string cabinet) =>
        grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, cabinet));

    private static ValidationProblem? CheckPlace(string branch, string cabinet, string? id)
    {
        var errors = new ValidationErrors();
        errors.Pattern("branch", branch, Codes.Branch(), Codes.BranchDescription);
        errors.Pattern("cabinet", cabinet, Codes.Cabinet(), Codes.CabinetDescription);
        if (id is not null && !Guid.TryParse(id, out _))
        {
            errors.Add("id", "must be an inspection id (a UUID).");
        }
        return errors.IsValid ? null : TypedResults.ValidationProblem(errors.ToDictionary());
    }
}
