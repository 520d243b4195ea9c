using System.Globalization;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Retention;

namespace BranchArchive.WebApp.Api;

/// <summary>Retention (<c>/api/retention</c>, <c>/api/files/{id}/legal-hold</c>, <c>/destruction</c>): the destruction list, legal holds, two approvals and witnessed destruction.</summary>
public sealed class RetentionClient(ApiConnection api)
{
    private static string File(string id) => $"api/files/{Uri.EscapeDataString(id)}";

    /// <summary>Files past their retention, longest overdue first (the API answers at most <paramref name="limit"/>, unpaged).</summary>
    public Task<ApiResult<List<RetentionDue>>> DueAsync(string? branch, int limit)
    {
        var query = $"limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (!string.IsNullOrWhiteSpace(branch))
        {
            query += $"&branch={Uri.EscapeDataString(branch.Trim())}";
        }
        return api.GetAsync<List<RetentionDue>>($"api/retention/due?{query}");
    }

    public Task<ApiResult<CustomerFile>> PlaceLegalHoldAsync(string id, PlaceLegalHoldCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"{File(id)}/legal-hold", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> LiftLegalHoldAsync(string id, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Delete, $"{File(id)}/legal-hold", null, idempotencyKey);

    public Task<ApiResult<DestructionRequest>> RequestDestructionAsync(string id, RequestDestructionCommand command, string idempotencyKey) =>
        api.SendAsync<DestructionRequest>(HttpMethod.Post, $"{File(id)}/destruction", command, idempotencyKey);

    public Task<ApiResult<DestructionRequest>> ApproveDestructionAsync(string id, ApproveDestructionCommand command, string idempotencyKey) =>
        api.SendAsync<DestructionRequest>(HttpMethod.Post, $"{File(id)}/destruction/approvals", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> DestroyAsync(string id, DestroyFileCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"{File(id)}/destruction/execute", command, idempotencyKey);
}
