using BranchArchive.Contracts.Operations;

namespace BranchArchive.WebApp.Api;

/// <summary>The operators' view of the cluster (<c>GET /api/cluster</c>, admins only).</summary>
public sealed class ClusterClient(ApiConnection api)
{
    public Task<ApiResult<ClusterOverview>> OverviewAsync() => api.GetAsync<ClusterOverview>("api/cluster");
}
