using BranchArchive.Contracts.Scans;

namespace BranchArchive.WebApp.Api;

/// <summary>Scanned copies of a file's documents (<c>/api/files/{id}/scans</c>).</summary>
public sealed class ScansClient(ApiConnection api)
{
    public Task<ApiResult<List<ScannedCopy>>> ListAsync(string id) =>
        api.GetAsync<List<ScannedCopy>>($"api/files/{Uri.EscapeDataString(id)}/scans");
}
