using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BranchArchive.WebApp.SignIn;

namespace BranchArchive.WebApp.Api;

/// <summary>
/// The one way the web app reaches the archive: HTTP to the API with the signed-in user's bearer
/// token, so the API's authorisation, branch scope, masking, audit, rate limits and
/// Idempotency-Key handling all apply. Problems come back as <see cref="ApiProblem"/>; a 401
/// throws <see cref="ApiSessionExpiredException"/>.
/// </summary>
public sealed class ApiConnection(HttpClient http, StaffSession session, ApiAddress address, TimeProvider clock)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The contract's JSON: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, body: null, idempotencyKey: null, cancellationToken);

    /// <summary>A write; <paramref name="idempotencyKey"/> comes from the form's <see cref="SubmitAttempt"/>.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        await SendAsync<T>(method, path, body, idempotencyKey, (await session.UserAsync()).Token ?? throw new ApiSessionExpiredException(), cancellationToken);

    /// <summary>A write whose body is not JSON (e.g. an import's CSV).</summary>
    public async Task<ApiResult<T>> SendContentAsync<T>(HttpMethod method, string path, HttpContent content, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        await SendAsync<T>(method, path, content, idempotencyKey, (await session.UserAsync()).Token ?? throw new ApiSessionExpiredException(), cancellationToken);

    /// <summary>
    /// A GET whose answer is passed on as it streams (the CSV export): the caller copies status,
    /// headers and body and disposes the response. Used from plain HTTP endpoints, hence the token.
    /// </summary>
    public async Task<HttpResponseMessage> GetStreamingAsync(string path, string token, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address.Base, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>For calls made before the user is signed in (the dev token) or with a token at hand.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, string? idempotencyKey, string? token, CancellationToken cancellationToken = default)
    {
        // A page's circuit outlives its cookie: once the token has expired, the user signs in again
        // (the form's draft is kept) rather than sending a call the API would refuse.
        if (token is not null && StaffCookie.ExpiryOf(token) is { } expiry && clock.GetUtcNow() >= expiry)
        {
            throw new ApiSessionExpiredException();
        }
        using var request = new HttpRequestMessage(method, new Uri(address.Base, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            return ApiResult<T>.Failed(ApiProblem.Unavailable(error.Message));
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
            {
                throw new ApiSessionExpiredException();
            }
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return ApiResult<T>.Ok(value!);
            }
            return ApiResult<T>.Failed(await ReadProblemAsync(response, cancellationToken));
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, cancellationToken);
            if (problem is not null)
            {
                return new ApiProblem(status, problem.Title, problem.Detail, problem.Errors ?? []);
            }
        }
        catch (JsonException)
        {
            // Not problem+json (e.g. a proxy's page): the status alone says what went wrong.
        }
        return new ApiProblem(status, response.ReasonPhrase, null, new Dictionary<string, string[]>());
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
