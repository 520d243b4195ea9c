using Xunit;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BranchArchive.Testing;

/// <summary>Talks to the archive as a client would: JSON over HTTP, bearer tokens from <c>/dev/token</c>.</summary>
public sealed class ArchiveClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>
    /// A client of the archive at <paramref name="address"/> whose every answer is judged against
    /// the OpenAPI document the archive serves (<see cref="ContractCheckingHandler"/>).
    /// </summary>
    public static ArchiveClient CheckingContract(Uri address, TimeSpan timeout) =>
        new(new HttpClient(new ContractCheckingHandler(new SocketsHttpHandler())) { BaseAddress = address, Timeout = timeout });

    public async Task<string> Token(string subject, string[] roles, string? branch = null)
    {
        var response = await http.PostAsJsonAsync("/dev/token", new { sub = subject, roles, branch });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public Task<string> Archivist() => Token("head.archivist", ["archivist"]);

    public Task<string> Clerk(string branch) => Token($"clerk.{branch.ToLowerInvariant()}", ["clerk"], branch);

    public Task<HttpResponseMessage> Get(string path, string? token) => Send(HttpMethod.Get, path, token, content: null);

    public Task<HttpResponseMessage> Post(string path, string? token, object body, string? idempotencyKey = null) =>
        Send(HttpMethod.Post, path, token, JsonContent.Create(body), idempotencyKey);

    public Task<HttpResponseMessage> PostRaw(string path, string? token, string body, string contentType = "application/json") =>
        Send(HttpMethod.Post, path, token, new StringContent(body, Encoding.UTF8, contentType));

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, HttpContent? content, string? idempotencyKey = null, bool closeConnection = false)
    {
        // A path starting with "//" would name another host: tests only ever talk to the archive under test.
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Not a path on the archive: {path}", nameof(path));
        }
        using var request = new HttpRequestMessage(method, new Uri(http.BaseAddress!, path)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Headers.ConnectionClose = closeConnection;
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Opens a branch with a cabinet C01 and answers its code, unique to the caller.</summary>
    public async Task<string> OpenBranchWithCabinet(int capacity = 100)
    {
        var code = "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var archivist = await Archivist();
        await Expect(HttpStatusCode.Created, Post("/api/branches", archivist, new { code, name = $"Branch {code}", region = "East" }));
        await Expect(HttpStatusCode.Created, Post($"/api/branches/{code}/cabinets", archivist, new { code = "C01", name = "Contracts A", capacity }));
        return code;
    }

    public static object FileBody(string branch, string cabinet = "C01") => new
    {
        branch,
        cabinet,
        customer = new { name = "上海某某机械设备制造厂", type = "Enterprise", idNumber = "91310000XXXXXXXX", industry = "Machinery", region = "Shanghai" },
        importance = "Vip",
        sensitivity = "Confidential",
        lendable = true,
        tags = new[] { "contract", "2026" },
        documents = new[] { new { type = "Cooperation", title = "Framework contract", pages = 12, date = "2026-03-01" } },
    };

    public async Task<JsonElement> RegisterFile(string token, string branch, string? idempotencyKey = null) =>
        await Expect(HttpStatusCode.Created, Post("/api/files", token, FileBody(branch), idempotencyKey));

    public static object Checkout(string borrower = "zhang.san", int days = 14) => new { borrower, purpose = "Contract renewal", days };

    /// <summary>Asserts the status and answers the JSON body.</summary>
    public static async Task<JsonElement> Expect(HttpStatusCode status, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with the status and answers the problem.</summary>
    public static async Task<JsonElement> ExpectProblem(HttpStatusCode status, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; <paramref name="exited"/> answers the output of a process that died meanwhile.</summary>
    public async Task WaitUntilReadyAsync(Func<string?> exited, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (exited() is { } output)
            {
                throw new InvalidOperationException($"The process exited before it was ready:{Environment.NewLine}{output}");
            }
            try
            {
                using var response = await http.GetAsync("/health/ready", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    public void Dispose() => http.Dispose();
}
