using BranchArchive.Contracts.Access;

namespace BranchArchive.WebApp.Api;

/// <summary>Purpose-bound access to files (<c>/api/files/{id}/access-requests</c>, <c>/api/access-requests/mine</c>).</summary>
public sealed class AccessClient(ApiConnection api)
{
    private static string Of(string fileId) => $"api/files/{Uri.EscapeDataString(fileId)}/access-requests";

    public Task<ApiResult<AccessRequest>> AskAsync(string fileId, RequestAccessCommand command, bool emergency, string idempotencyKey) =>
        api.SendAsync<AccessRequest>(HttpMethod.Post, emergency ? Of(fileId) + "/emergency" : Of(fileId), command, idempotencyKey);

    public Task<ApiResult<List<AccessRequest>>> OfFileAsync(string fileId) => api.GetAsync<List<AccessRequest>>(Of(fileId));

    public Task<ApiResult<List<AccessRequest>>> MineAsync() => api.GetAsync<List<AccessRequest>>("api/access-requests/mine");

    public Task<ApiResult<AccessRequest>> ApproveAsync(AccessRequest request, ApproveAccessCommand command) => Decide(request, "approve", command);

    public Task<ApiResult<AccessRequest>> RefuseAsync(AccessRequest request, DecideAccessCommand command) => Decide(request, "refuse", command);

    public Task<ApiResult<AccessRequest>> ReviewAsync(AccessRequest request, ReviewAccessCommand command) => Decide(request, "review", command);

    public Task<ApiResult<AccessRequest>> WithdrawAsync(AccessRequest request) => Decide(request, "withdraw", new DecideAccessCommand(null));

    private Task<ApiResult<AccessRequest>> Decide(AccessRequest request, string step, object command) =>
        api.SendAsync<AccessRequest>(HttpMethod.Post, $"{Of(request.FileId)}/{Uri.EscapeDataString(request.RequestId)}/{step}", command, idempotencyKey: null);
}
