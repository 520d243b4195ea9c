using System.Net.Http.Headers;
using BranchArchive.Contracts.Imports;

namespace BranchArchive.WebApp.Api;

/// <summary>Bulk imports of customer files from CSV (<c>/api/imports</c>): start a job, follow it, read its report.</summary>
public sealed class ImportsClient(ApiConnection api)
{
    /// <param name="branch">The branch rows without one go to; null: the user's own.</param>
    public Task<ApiResult<ImportJob>> StartAsync(byte[] csv, string? branch, string idempotencyKey)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var query = string.IsNullOrWhiteSpace(branch) ? "" : $"?branch={Uri.EscapeDataString(branch.Trim())}";
        return api.SendContentAsync<ImportJob>(HttpMethod.Post, $"api/imports{query}", content, idempotencyKey);
    }

    public Task<ApiResult<ImportJob>> GetAsync(string id) =>
        api.GetAsync<ImportJob>($"api/imports/{Uri.EscapeDataString(id)}");

    public Task<ApiResult<ImportReport>> ReportAsync(string id) =>
        api.GetAsync<ImportReport>($"api/imports/{Uri.EscapeDataString(id)}/report");
}
