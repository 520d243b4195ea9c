using System.Globalization;
using BranchArchive.Contracts.Circulation;

namespace BranchArchive.WebApp.Api;

/// <summary>The notice board: <c>/api/notifications</c>, its filters, and marking a notice read or unread.</summary>
public sealed class NotificationsClient(ApiConnection api)
{
    /// <summary>What the notices page asks for: a branch's (null: the caller's, or every branch for head office) or the caller's own.</summary>
    public sealed record Filter(bool Mine, bool UnreadOnly, IReadOnlyCollection<NoticeKind> Kinds, int Page = 1, int PageSize = 25, string? Branch = null);

    public Task<ApiResult<LoanNoticePage>> ListAsync(Filter filter)
    {
        var query = new List<string>
        {
            "page=" + filter.Page.ToString(CultureInfo.InvariantCulture),
            "pageSize=" + filter.PageSize.ToString(CultureInfo.InvariantCulture),
        };
        if (filter.Mine)
        {
            query.Add("mine=true");
        }
        if (filter.Branch is { } branch)
        {
            query.Add("branch=" + Uri.EscapeDataString(branch));
        }
        if (filter.UnreadOnly)
        {
            query.Add("unread=true");
        }
        query.AddRange(filter.Kinds.Select(kind => "kind=" + kind));
        return api.GetAsync<LoanNoticePage>("api/notifications?" + string.Join('&', query));
    }

    // Marking is idempotent by nature (read stays read): no Idempotency-Key needed.
    public Task<ApiResult<LoanNotice>> MarkAsync(string id, bool read) =>
        api.SendAsync<LoanNotice>(HttpMethod.Post, $"api/notifications/notices/{Uri.EscapeDataString(id)}/{(read ? "read" : "unread")}", body: null, idempotencyKey: null);
}
