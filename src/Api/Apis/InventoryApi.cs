using System.Globalization;
using System.Text;
using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BranchArchive.Api.Apis;

/// <summary>Head office's inventory across all branches, answered from the catalogue.</summary>
public static class InventoryApi
{
    public static RouteGroupBuilder MapInventoryApi(this IEndpointRouteBuilder routes)
    {
        var inventory = routes.MapGroup("/api/inventory").WithTags("Inventory");
        inventory.MapGet("/summary", InventorySummary).WithName(nameof(InventorySummary))
            .WithSummary("Counts by home branch and status, by the branch holding the files and their stage, by customer type and importance").RequireAuthorization(ArchivePolicies.Read);
        inventory.MapGet("/files", SearchInventory).WithName(nameof(SearchInventory))
            .WithSummary("Files by home branch, holding branch, destination, circulation stage, cabinet, status, importance, type, tag, name or number, overdue, due dates, awaiting approval (access, reading, copy)").RequireAuthorization(ArchivePolicies.Read);
        inventory.MapGet("/files.csv", ExportInventory).WithName(nameof(ExportInventory))
            .WithSummary("The same search as CSV, every page, for spreadsheets")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").RequireAuthorization(ArchivePolicies.Read);
        return inventory;
    }

    /// <summary>
    /// The query string of a search, as sent; enums are parsed here so a bad one is a 400. The names
    /// are the contract's camelCase (names are matched ignoring case, so the PascalCase ones the
    /// document once showed still work: deprecated, see docs/api.md).
    /// </summary>
    public readonly record struct SearchParameters(
        [FromQuery(Name = "branch")] string? Branch, [FromQuery(Name = "cabinet")] string? Cabinet,
        [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "importance")] string? Importance,
        [FromQuery(Name = "type")] string? Type, [FromQuery(Name = "tag")] string? Tag, [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "overdue")] bool? Overdue, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize,
        [FromQuery(Name = "location")] string? Location, [FromQuery(Name = "destination")] string? Destination,
        [FromQuery(Name = "circulationStage")] string? CirculationStage, [FromQuery(Name = "dueFrom")] DateTimeOffset? DueFrom,
        [FromQuery(Name = "dueBefore")] DateTimeOffset? DueBefore, [FromQuery(Name = "awaiting")] string? Awaiting);

    public static async Task<Results<Ok<InventorySummary>, ValidationProblem, ProblemHttpResult>> InventorySummary(
        [AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await request.Grains.GetGrain<IInventoryGrain>(0).Summary(request.Actor));

    public static async Task<Results<Ok<InventoryPage>, ValidationProblem, ProblemHttpResult>> SearchInventory(
        [AsParameters] SearchParameters search, [AsParameters] ArchiveRequest request)
    {
        if (ToQuery(search) is not { } query)
        {
            return Invalid(search);
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IInventoryGrain>(0).Search(query, request.Actor));
    }

    /// <summary>
    /// Every file of the search as CSV, in file-number order, written slice by slice as the
    /// catalogue answers so a whole-archive export holds one slice in memory, not a million lines.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportInventory(
        [AsParameters] SearchParameters search, [AsParameters] ArchiveRequest request)
    {
        if (ToQuery(search with { Page = 1, PageSize = InventoryQuery.MaxPageSize }) is not { } query)
        {
            return Invalid(search);
        }
        var inventory = request.Grains.GetGrain<IInventoryGrain>(0);
        // The first slice decides the status (a refusal is still a problem+json answer).
        var first = await inventory.Export(query, 0, request.Actor);
        if (!first.Succeeded)
        {
            return Problems.For(GrainAnswers.StatusOf(first.Outcome), first.Detail);
        }
        return TypedResults.Stream(async body =>
        {
            await using var csv = InventoryCsv.Open(body);
            await InventoryCsv.WriteHeaderAsync(csv);
            for (var slice = first.Value!; ;)
            {
                foreach (var item in slice.Items)
                {
                    await InventoryCsv.WriteAsync(csv, item);
                }
                if (!slice.More)
                {
                    break;
                }
                var next = await inventory.Export(query, slice.Items[^1].FileNumber, request.Actor);
                // Too late for a status code: throwing aborts the transfer, so the client sees a broken
                // download rather than a file that silently ends early.
                slice = next.Value ?? throw new InvalidOperationException($"The export stopped: {next.Detail}");
            }
        }, "text/csv; charset=utf-8", "inventory.csv");
    }

    private static InventoryQuery? ToQuery(SearchParameters search)
    {
        if (!TryParse<FileStatus>(search.Status, out var status) || !TryParse<Importance>(search.Importance, out var importance)
            || !TryParse<CustomerType>(search.Type, out var type) || !TryParse<CirculationStage>(search.CirculationStage, out var stage)
            || !TryParse<ApprovalKind>(search.Awaiting, out var awaiting))
        {
            return null;
        }
        return new InventoryQuery(search.Branch, search.Cabinet, status, importance, type, search.Tag, search.Q,
            search.Overdue ?? false, search.Page ?? 1, search.PageSize ?? 50, Location: search.Location, Destination: search.Destination,
            CirculationStage: stage, DueFrom: search.DueFrom, DueBefore: search.DueBefore, Awaiting: awaiting);
    }

    private static ValidationProblem Invalid(SearchParameters search)
    {
        var errors = new Dictionary<string, string[]>();
        void Check<TEnum>(string name, string? value) where TEnum : struct, Enum
        {
            if (!TryParse<TEnum>(value, out _))
            {
                errors[name] = [$"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}."];
            }
        }
        Check<FileStatus>("status", search.Status);
        Check<Importance>("importance", search.Importance);
        Check<CustomerType>("type", search.Type);
        Check<CirculationStage>("circulationStage", search.CirculationStage);
        Check<ApprovalKind>("awaiting", search.Awaiting);
        return TypedResults.ValidationProblem(errors, "One or more fields are invalid.");
    }

    private static bool TryParse<TEnum>(string? value, out TEnum? parsed) where TEnum : struct, Enum
    {
        parsed = null;
        if (value is null)
        {
            return true;
        }
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var result) && Enum.IsDefined(result) && !value.Any(char.IsDigit))
        {
            parsed = result;
            return true;
        }
        return false;
    }
}
