using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.WebApp.Api;

/// <summary>Cross-branch circulation: <c>/api/files/{id}/...</c> requests, dispatch, receipt, pickup, renewal, readings.</summary>
public sealed class CirculationClient(ApiConnection api)
{
    public Task<ApiResult<RequestAnswer>> RequestAsync(string id, RequestFileCommand command, string idempotencyKey) =>
        api.SendAsync<RequestAnswer>(HttpMethod.Post, $"api/files/{id}/requests", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> DispatchAsync(string id, DispatchCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/dispatch", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> ReceiveAsync(string id, ReceiveCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/receive", command, idempotencyKey);

    public Task<ApiResult<Loan>> PickupAsync(string id, PickupCommand command, string idempotencyKey) =>
        api.SendAsync<Loan>(HttpMethod.Post, $"api/files/{id}/pickup", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> CancelTransitAsync(string id, CancelTransitCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/transit/cancel", command, idempotencyKey);

    // Missing and found take no Idempotency-Key: a repeat is answered 409, saying what the first did.
    public Task<ApiResult<CustomerFile>> DeclareMissingAsync(string id, DeclareMissingCommand command) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/missing", command, idempotencyKey: null);

    public Task<ApiResult<CustomerFile>> FoundAsync(string id, FoundCommand command) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/found", command, idempotencyKey: null);

    public Task<ApiResult<Loan>> RenewAsync(string id, RenewCommand command, string idempotencyKey) =>
        api.SendAsync<Loan>(HttpMethod.Post, $"api/files/{id}/renew", command, idempotencyKey);

    public Task<ApiResult<ReadingSession>> OpenReadingAsync(string id, OpenReadingCommand command, string idempotencyKey) =>
        api.SendAsync<ReadingSession>(HttpMethod.Post, $"api/files/{id}/reading-sessions", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> CloseReadingAsync(string id, CloseReadingCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/reading-sessions/close", command, idempotencyKey);

    public Task<ApiResult<List<CustodyEvent>>> CustodyAsync(string id) =>
        api.GetAsync<List<CustodyEvent>>($"api/files/{id}/custody");
}
