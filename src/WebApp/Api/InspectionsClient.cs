using BranchArchive.Contracts.Inspections;

namespace BranchArchive.WebApp.Api;

/// <summary>Stocktakes (inspections) of a cabinet: <c>/api/branches/{branch}/cabinets/{cabinet}/inspections</c>.</summary>
public sealed class InspectionsClient(ApiConnection api)
{
    private static string Path(string branch, string cabinet) =>
        $"api/branches/{Uri.EscapeDataString(branch)}/cabinets/{Uri.EscapeDataString(cabinet)}/inspections";

    /// <summary>Inspections due in every branch the user may see (head office's dashboard).</summary>
    public Task<ApiResult<List<InspectionSchedule>>> DueEverywhereAsync() =>
        api.GetAsync<List<InspectionSchedule>>("api/inspections/due");

    public Task<ApiResult<List<InspectionSchedule>>> DueAsync(string branch) =>
        api.GetAsync<List<InspectionSchedule>>($"api/inspections/due?branch={Uri.EscapeDataString(branch)}");

    /// <summary>Every cabinet's inspections of a branch, newest first (the open ones among them).</summary>
    public Task<ApiResult<List<InspectionSummary>>> ListForBranchAsync(string branch) =>
        api.GetAsync<List<InspectionSummary>>($"api/branches/{Uri.EscapeDataString(branch)}/inspections");

    public Task<ApiResult<Inspection>> StartAsync(string branch, string cabinet, string idempotencyKey) =>
        api.SendAsync<Inspection>(HttpMethod.Post, Path(branch, cabinet), new { }, idempotencyKey);

    public Task<ApiResult<Inspection>> GetAsync(string branch, string cabinet, string id) =>
        api.GetAsync<Inspection>($"{Path(branch, cabinet)}/{Uri.EscapeDataString(id)}");

    public Task<ApiResult<Inspection>> RecordFoundAsync(string branch, string cabinet, string id, IReadOnlyList<long> numbers, string idempotencyKey) =>
        api.SendAsync<Inspection>(HttpMethod.Post, $"{Path(branch, cabinet)}/{Uri.EscapeDataString(id)}/found", new RecordFoundCommand(numbers), idempotencyKey);

    public Task<ApiResult<Inspection>> CompleteAsync(string branch, string cabinet, string id, string idempotencyKey) =>
        api.SendAsync<Inspection>(HttpMethod.Post, $"{Path(branch, cabinet)}/{Uri.EscapeDataString(id)}/complete", new { }, idempotencyKey);
}
