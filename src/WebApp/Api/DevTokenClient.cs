using System.Net.Http.Json;

namespace BranchArchive.WebApp.Api;

/// <summary>
/// <c>POST /dev/token</c>, the development sign-in. Whether dev tokens are on is the API's
/// decision (its settings and environment), so the web app asks the API rather than reading
/// the setting itself: the endpoint answers 400 to an empty request when it exists, 404 when not.
/// </summary>
public sealed class DevTokenClient(HttpClient http, ApiAddress address)
{
    private static bool? _available;

    public sealed record DevTokenRequest(string Sub, string[] Roles, string? Branch);

    private sealed record DevTokenResponse(string Token);

    public async Task<bool> IsAvailableAsync()
    {
        if (_available is { } known)
        {
            return known;
        }
        using var response = await http.PostAsJsonAsync(new Uri(address.Base, "dev/token"), new { }, ApiConnection.Json);
        // Settings do not change while the process runs, so one answer serves every page.
        return (_available = response.StatusCode == System.Net.HttpStatusCode.BadRequest).Value;
    }

    public async Task<ApiResult<string>> IssueAsync(DevTokenRequest request)
    {
        using var response = await http.PostAsJsonAsync(new Uri(address.Base, "dev/token"), request, ApiConnection.Json);
        if (response.IsSuccessStatusCode)
        {
            return ApiResult<string>.Ok((await response.Content.ReadFromJsonAsync<DevTokenResponse>(ApiConnection.Json))!.Token);
        }
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(ApiConnection.Json);
        return ApiResult<string>.Failed(new ApiProblem((int)response.StatusCode, problem?.Title, problem?.Detail, problem?.Errors ?? []));
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
