using BranchArchive.Contracts.Repairs;

namespace BranchArchive.WebApp.Api;

/// <summary>Repairs of damaged files (<c>/api/files/{id}/repairs</c>).</summary>
public sealed class RepairsClient(ApiConnection api)
{
    public Task<ApiResult<List<Repair>>> ListAsync(string id) =>
        api.GetAsync<List<Repair>>($"api/files/{Uri.EscapeDataString(id)}/repairs");
}
