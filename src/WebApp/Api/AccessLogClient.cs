using System.Globalization;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.WebApp.Api;

/// <summary>The access log of reads (<c>/api/access-log</c>): who read a file, what a person read, and the check of its chains.</summary>
public sealed class AccessLogClient(ApiConnection api)
{
    /// <summary>A file (id or number) or a person is required; the rest is optional.</summary>
    public sealed record Filter(
        string? FileId = null, long? FileNumber = null, string? Subject = null, string? Kind = null,
        DateTimeOffset? From = null, DateTimeOffset? To = null);

    public Task<ApiResult<AccessPage>> QueryAsync(Filter filter, int page, int pageSize)
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
        Add("fileNumber", filter.FileNumber?.ToString(CultureInfo.InvariantCulture));
        Add("subject", filter.Subject);
        Add("kind", filter.Kind);
        Add("from", filter.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("page", page.ToString(CultureInfo.InvariantCulture));
        Add("pageSize", pageSize.ToString(CultureInfo.InvariantCulture));
        return api.GetAsync<AccessPage>($"api/access-log?{string.Join('&', parts)}");
    }

    public Task<ApiResult<AuditVerification>> VerifyAsync(CancellationToken cancellationToken = default) =>
        api.GetAsync<AuditVerification>("api/access-log/verify", cancellationToken);
}
