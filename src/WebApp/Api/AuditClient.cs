using System.Globalization;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.WebApp.Api;

/// <summary>The audit log (<c>/api/audit</c>), paged on the server, and the verification of its hash chain.</summary>
public sealed class AuditClient(ApiConnection api)
{
    /// <summary>The filters the API offers; each is optional.</summary>
    public sealed record Filter(
        string? FileId = null, string? Actor = null, string? Branch = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
        string? Action = null, string? Outcome = null, bool NewestFirst = true);

    public Task<ApiResult<AuditPage>> QueryAsync(Filter filter, int page, int pageSize)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add("fileId", filter.FileId);
        Add("actor", filter.Actor);
        Add("branch", filter.Branch);
        Add("from", filter.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("action", filter.Action);
        Add("outcome", filter.Outcome);
        Add("newestFirst", filter.NewestFirst ? "true" : null);
        Add("page", page.ToString(CultureInfo.InvariantCulture));
        Add("pageSize", pageSize.ToString(CultureInfo.InvariantCulture));
        return api.GetAsync<AuditPage>($"api/audit?{string.Join('&', parts)}");
    }

    /// <summary>Re-computes the whole chain on the server: slow on a large log, so the page shows progress meanwhile.</summary>
    public Task<ApiResult<AuditVerification>> VerifyAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<AuditVerification>("api/audit/verify", cancellationToken);
}
