using BranchArchive.Contracts.Branches;

namespace BranchArchive.WebApp.Api;

/// <summary>Branch offices and cabinets: <c>/api/branches</c>.</summary>
public sealed class BranchesClient(ApiConnection api)
{
    public Task<ApiResult<List<Branch>>> ListAsync() => api.GetAsync<List<Branch>>("api/branches");

    public Task<ApiResult<Branch>> GetAsync(string branch) =>
        api.GetAsync<Branch>($"api/branches/{Uri.EscapeDataString(branch)}");

    public Task<ApiResult<Cabinet>> CabinetAsync(string branch, string cabinet) =>
        api.GetAsync<Cabinet>($"api/branches/{Uri.EscapeDataString(branch)}/cabinets/{Uri.EscapeDataString(cabinet)}");

    public Task<ApiResult<Cabinet>> AssignCustodianAsync(string branch, string cabinet, AssignCustodianCommand command, string idempotencyKey) =>
        api.SendAsync<Cabinet>(HttpMethod.Put, $"api/branches/{Uri.EscapeDataString(branch)}/cabinets/{Uri.EscapeDataString(cabinet)}/custodian", command, idempotencyKey);
}
