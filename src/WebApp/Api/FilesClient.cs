using System.Globalization;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.WebApp.Api;

/// <summary>Customer files: <c>/api/files</c> (register, read, lend, return) and finding a file by its number.</summary>
public sealed class FilesClient(ApiConnection api)
{
    public Task<ApiResult<CustomerFile>> GetAsync(string id) =>
        api.GetAsync<CustomerFile>($"api/files/{Uri.EscapeDataString(id)}");

    /// <summary>
    /// The file with this numeric label, searched as the user may search the inventory (a clerk
    /// sees their own branch's files). At a branch desk (<paramref name="branch"/>), also a file of
    /// another branch that is here now or on the road here: the folder in the clerk's hands.
    /// Null when the user may see no such file.
    /// </summary>
    public async Task<ApiResult<InventoryItem?>> FindByNumberAsync(long fileNumber, string? branch = null)
    {
        var number = fileNumber.ToString(CultureInfo.InvariantCulture);
        string[] places = branch is null
            ? [""]
            : ["", $"&location={Uri.EscapeDataString(branch)}", $"&destination={Uri.EscapeDataString(branch)}"];
        foreach (var place in places)
        {
            var page = await api.GetAsync<InventoryPage>($"api/inventory/files?q={number}&pageSize=20{place}");
            if (!page.Succeeded)
            {
                return ApiResult<InventoryItem?>.Failed(page.Problem!);
            }
            if (page.Value!.Items.FirstOrDefault(item => item.FileNumber == fileNumber) is { } found)
            {
                return ApiResult<InventoryItem?>.Ok(found);
            }
        }
        return ApiResult<InventoryItem?>.Ok(null);
    }

    public Task<ApiResult<CustomerFile>> RegisterAsync(RegisterFileCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, "api/files", command, idempotencyKey);

    public Task<ApiResult<Loan>> CheckOutAsync(string id, CheckoutCommand command, string idempotencyKey) =>
        api.SendAsync<Loan>(HttpMethod.Post, $"api/files/{id}/checkout", command, idempotencyKey);

    public Task<ApiResult<CustomerFile>> ReturnAsync(string id, ReturnCommand command, string idempotencyKey) =>
        api.SendAsync<CustomerFile>(HttpMethod.Post, $"api/files/{id}/return", command, idempotencyKey);

    public Task<ApiResult<List<LoanRecord>>> LoansAsync(string id) =>
        api.GetAsync<List<LoanRecord>>($"api/files/{id}/loans");
}
