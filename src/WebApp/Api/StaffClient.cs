using BranchArchive.Contracts.Staff;

namespace BranchArchive.WebApp.Api;

/// <summary>Borrowers: a branch's staff list (<c>/api/branches/{branch}/staff</c>) and open loans (<c>/api/loans/mine</c>).</summary>
public sealed class StaffClient(ApiConnection api)
{
    public Task<ApiResult<List<StaffMember>>> ListAsync(string branch) =>
        api.GetAsync<List<StaffMember>>($"api/branches/{Uri.EscapeDataString(branch)}/staff");

    // PUT and DELETE of a member are idempotent by themselves: no Idempotency-Key.
    public Task<ApiResult<StaffMember>> EnlistAsync(string branch, string staffId, EnlistStaffCommand command) =>
        api.SendAsync<StaffMember>(HttpMethod.Put, $"api/branches/{Uri.EscapeDataString(branch)}/staff/{Uri.EscapeDataString(staffId)}", command, idempotencyKey: null);

    public Task<ApiResult<StaffMember>> UnlistAsync(string branch, string staffId) =>
        api.SendAsync<StaffMember>(HttpMethod.Delete, $"api/branches/{Uri.EscapeDataString(branch)}/staff/{Uri.EscapeDataString(staffId)}", body: null, idempotencyKey: null);

    public Task<ApiResult<BorrowerLoans>> MyLoansAsync() => api.GetAsync<BorrowerLoans>("api/loans/mine");
}
