using System.Globalization;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.WebApp.Api;

/// <summary>The inventory across branches (<c>/api/inventory</c>), paged on the server.</summary>
public sealed class InventoryClient(ApiConnection api)
{
    public sealed record Search(
        string? Branch = null, string? Cabinet = null, FileStatus? Status = null, Importance? Importance = null,
        CustomerType? Type = null, string? Tag = null, string? Q = null, bool Overdue = false, int Page = 1, int PageSize = 50,
        string? Location = null, string? Destination = null, CirculationStage? CirculationStage = null,
        DateTimeOffset? DueFrom = null, DateTimeOffset? DueBefore = null, ApprovalKind? Awaiting = null)
    {
        public string ToQueryString()
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    parts.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }
            Add("branch", Branch);
            Add("cabinet", Cabinet);
            Add("status", Status?.ToString());
            Add("importance", Importance?.ToString());
            Add("type", Type?.ToString());
            Add("tag", Tag);
            Add("q", Q);
            Add("overdue", Overdue ? "true" : null);
            Add("location", Location);
            Add("destination", Destination);
            Add("circulationStage", CirculationStage?.ToString());
            Add("dueFrom", DueFrom?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            Add("dueBefore", DueBefore?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            Add("awaiting", Awaiting?.ToString());
            Add("page", Page.ToString(CultureInfo.InvariantCulture));
            Add("pageSize", PageSize.ToString(CultureInfo.InvariantCulture));
            return string.Join('&', parts);
        }
    }

    public Task<ApiResult<InventoryPage>> SearchAsync(Search search) =>
        api.GetAsync<InventoryPage>($"api/inventory/files?{search.ToQueryString()}");

    public Task<ApiResult<InventorySummary>> SummaryAsync() =>
        api.GetAsync<InventorySummary>("api/inventory/summary");
}
