using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.WebApp.Api;

/// <summary>Reading requests and copy requests of one file: <c>/api/files/{id}/reading-requests</c> and <c>/copy-requests</c>.</summary>
public sealed class ApprovalRequestsClient(ApiConnection api)
{
    public Task<ApiResult<List<ReadingRequest>>> ReadingRequestsAsync(string id) =>
        api.GetAsync<List<ReadingRequest>>($"api/files/{id}/reading-requests");

    public Task<ApiResult<ReadingRequest>> RequestReadingAsync(string id, RequestReadingCommand command, string idempotencyKey) =>
        api.SendAsync<ReadingRequest>(HttpMethod.Post, $"api/files/{id}/reading-requests", command, idempotencyKey);

    // Approvals, refusals and "made" take no Idempotency-Key: a repeat by the same person changes nothing.
    public Task<ApiResult<ReadingRequest>> ApproveReadingAsync(string id, string requestId) =>
        api.SendAsync<ReadingRequest>(HttpMethod.Post, $"api/files/{id}/reading-requests/{requestId}/approve", new { }, idempotencyKey: null);

    public Task<ApiResult<ReadingRequest>> RefuseReadingAsync(string id, string requestId, RefuseRequestCommand command) =>
        api.SendAsync<ReadingRequest>(HttpMethod.Post, $"api/files/{id}/reading-requests/{requestId}/refuse", command, idempotencyKey: null);

    public Task<ApiResult<ReadingSession>> OpenReadingAsync(string id, string requestId, string idempotencyKey) =>
        api.SendAsync<ReadingSession>(HttpMethod.Post, $"api/files/{id}/reading-sessions", new OpenReadingCommand(null, null, requestId), idempotencyKey);

    public Task<ApiResult<List<CopyRequest>>> CopyRequestsAsync(string id) =>
        api.GetAsync<List<CopyRequest>>($"api/files/{id}/copy-requests");

    public Task<ApiResult<CopyRequest>> RequestCopyAsync(string id, RequestCopyCommand command, string idempotencyKey) =>
        api.SendAsync<CopyRequest>(HttpMethod.Post, $"api/files/{id}/copy-requests", command, idempotencyKey);

    public Task<ApiResult<CopyRequest>> ApproveCopyAsync(string id, string requestId) =>
        api.SendAsync<CopyRequest>(HttpMethod.Post, $"api/files/{id}/copy-requests/{requestId}/approve", new { }, idempotencyKey: null);

    public Task<ApiResult<CopyRequest>> RefuseCopyAsync(string id, string requestId, RefuseRequestCommand command) =>
        api.SendAsync<CopyRequest>(HttpMethod.Post, $"api/files/{id}/copy-requests/{requestId}/refuse", command, idempotencyKey: null);

    public Task<ApiResult<CopyRequest>> MarkCopyMadeAsync(string id, string requestId, MarkCopyMadeCommand command) =>
        api.SendAsync<CopyRequest>(HttpMethod.Post, $"api/files/{id}/copy-requests/{requestId}/made", command, idempotencyKey: null);
}
