using System.Globalization;
using System.Text;
using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Head office's inventory across all branches, answered from the catalogue.</summary>
public static class InventoryApi
{
    public static RouteGroupBuilder MapInventoryApi(this IEndpointRouteBuilder routes)
    {
        var inventory = routes.MapGroup("/api/inventory").WithTags("Inventory");
        inventory.MapGet("/summary", InventorySummary).WithName(nameof(InventorySummary))
            .WithSummary("Counts by branch and status, customer type and importance").RequireAuthorization(ArchivePolicies.Read);
        inventory.MapGet("/files", SearchInventory).WithName(nameof(SearchInventory))
            .WithSummary("Files by branch, cabinet, status, importance, type, tag, name or number, overdue").RequireAuthorization(ArchivePolicies.Read);
        inventory.MapGet("/files.csv", ExportInventory).WithName(nameof(ExportInventory))
            .WithSummary("The same search as CSV, every page, for spreadsheets").RequireAuthorization(ArchivePolicies.Read);
        return inventory;
    }

    /// <summary>The query string of a search, as sent; enums are parsed here so a bad one is a 400.</summary>
    public readonly record struct SearchParameters(
        string? Branch, string? Cabinet, string? Status, string? Importance, string? Type, string? Tag, string? Q,
        bool? Overdue, int? Page, int? PageSize);

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

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportInventory(
        [AsParameters] SearchParameters search, [AsParameters] ArchiveRequest request)
    {
        if (ToQuery(search with { Page = 1, PageSize = InventoryQuery.MaxPageSize }) is not { } query)
        {
            return Invalid(search);
        }
        var csv = new StringBuilder("id,fileNumber,customerName,customerType,importance,colorLabel,status,branch,cabinet,dueAt\r\n");
        var inventory = request.Grains.GetGrain<IInventoryGrain>(0);
        for (var page = 1; ; page++)
        {
            var answer = await inventory.Search(query with { Page = page }, request.Actor);
            if (!answer.Succeeded)
            {
                return Problems.For(GrainAnswers.StatusOf(answer.Outcome), answer.Detail);
            }
            foreach (var item in answer.Value!.Items)
            {
                csv.AppendJoin(',', new[]
                {
                    item.Id, item.FileNumber.ToString(CultureInfo.InvariantCulture), Escape(item.CustomerName), item.CustomerType?.ToString(),
                    item.Importance.ToString(), item.ColorLabel.ToString(), item.Status.ToString(), item.Branch, item.Cabinet,
                    item.DueAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                }).Append("\r\n");
            }
            if ((long)page * query.PageSize >= answer.Value.Total)
            {
                break;
            }
        }
        // With a byte-order mark, spreadsheet programs read the Chinese names as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", "inventory.csv");
    }

    private static InventoryQuery? ToQuery(SearchParameters search)
    {
        if (!TryParse<FileStatus>(search.Status, out var status) || !TryParse<Importance>(search.Importance, out var importance)
            || !TryParse<CustomerType>(search.Type, out var type))
        {
            return null;
        }
        return new InventoryQuery(search.Branch, search.Cabinet, status, importance, type, search.Tag, search.Q,
            search.Overdue ?? false, search.Page ?? 1, search.PageSize ?? 50);
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

    /// <summary>RFC 4180 quoting, and a leading quote mark against spreadsheet formula injection.</summary>
    private static string? Escape(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
