using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Repairs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Repairs of damaged files, and documents found missing at a return.</summary>
public static class RepairsApi
{
    public static void MapRepairsApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files").WithTags("Repairs");
        files.MapPost("/{id}/repairs", StartRepair).WithName(nameof(StartRepair))
            .WithSummary("Send a damaged file to repair").RequireAuthorization(ArchivePolicies.RepairFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{id}/repairs/{repairId}/complete", CompleteRepair).WithName(nameof(CompleteRepair))
            .WithSummary("Take the repaired file back onto its shelf").RequireAuthorization(ArchivePolicies.RepairFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/{id}/repairs", GetRepairs).WithName(nameof(GetRepairs))
            .WithSummary("The file's repairs: the one under way, then finished ones, newest first").RequireAuthorization(ArchivePolicies.Read);
        files.MapPost("/{id}/missing-documents/supplied", SupplyDocuments).WithName(nameof(SupplyDocuments))
            .WithSummary("Strike documents found or re-made off the file's missing list").RequireAuthorization(ArchivePolicies.RepairFiles).RequireRateLimiting(WriteRateLimits.Policy);
    }

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> StartRepair(
        string id, StartRepairCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.StartRepair(body, request.Actor));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> CompleteRepair(
        string id, string repairId, CompleteRepairCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.CompleteRepair(repairId, body, request.Actor));

    public static Task<Results<Ok<IReadOnlyList<Repair>>, ValidationProblem, ProblemHttpResult>> GetRepairs(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetRepairs(request.Actor));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> SupplyDocuments(
        string id, SupplyDocumentsCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, _) => file.SupplyDocuments(body, request.Actor));
}
