using BranchArchive.Contracts.Classification;

namespace BranchArchive.WebApp.Api;

/// <summary>A file's classification (<c>/api/files/{id}/classification</c>).</summary>
public sealed class ClassificationClient(ApiConnection api)
{
    public Task<ApiResult<List<ClassificationChange>>> HistoryAsync(string id) =>
        api.GetAsync<List<ClassificationChange>>($"api/files/{Uri.EscapeDataString(id)}/classification/history");
}
