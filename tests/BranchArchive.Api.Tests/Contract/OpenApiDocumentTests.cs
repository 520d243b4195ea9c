using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BranchArchive.Api.Http;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Api.Tests.Contract;

/// <summary>
/// The OpenAPI document the running archive serves: what it promises every operation, that the
/// linters pass it, and that the committed copy (docs/openapi/v1.json, which the generated client
/// is built from) is what the archive serves.
/// </summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class OpenApiDocumentTests(SqliteArchiveHostFixture fixture)
{
    private static readonly string[] SharedProblems = ["401", "403", "503"];

    [Fact]
    public async Task Every_api_operation_requires_the_bearer_token_and_declares_its_problems()
    {
        var document = await Served(fixture.Client);

        var operations = Operations(document).Where(operation => operation.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.True(operations.Count > 50, $"only {operations.Count} /api operations");
        Assert.Equal("http", document["components"]!["securitySchemes"]!["bearer"]!["type"]!.GetValue<string>());
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method} {path}";
            Assert.True(operation["security"]![0]!["bearer"] is JsonArray, $"{where} does not require the bearer token");
            var responses = operation["responses"]!.AsObject();
            Assert.All(SharedProblems, status => Assert.True(responses.ContainsKey(status), $"{where} does not declare {status}"));
            if (method != "get")
            {
                Assert.True(responses.ContainsKey("409"), $"{where} changes something but declares no 409");
                Assert.True(responses.ContainsKey("429"), $"{where} is a write without a declared 429");
            }
            Assert.False(string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>()), $"{where} has no operationId");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{where} has no summary");
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                var name = parameter!["name"]!.GetValue<string>();
                Assert.True(name == IdempotencyKeys.Header || char.IsLower(name[0]), $"{where}: parameter {name} is not camelCase");
            }
        }
        var problem = document["components"]!["responses"]!["TooManyRequests"]!;
        Assert.True(problem["headers"]!["Retry-After"]!["required"]!.GetValue<bool>());
        Assert.NotNull(problem["content"]!["application/problem+json"]);
        Assert.NotNull(document["components"]!["responses"]!["BadRequest"]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task The_document_describes_only_the_archive_with_exact_types()
    {
        var document = await Served(fixture.Client);
        var text = document.ToJsonString();

        Assert.DoesNotContain(document["paths"]!.AsObject(), path => path.Key.StartsWith("/dashboard", StringComparison.Ordinal));
        Assert.All(document["servers"]!.AsArray(), server => Assert.False(server!["url"]!.GetValue<string>().EndsWith('/')));
        Assert.All(document["tags"]!.AsArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag!["description"]?.GetValue<string>())));
        Assert.DoesNotContain("\"pattern\":\"^-?(?:0|[1-9]\\\\d*)$\"", text); // numbers that would also be read from strings
        foreach (var schema in Descendants(document).OfType<JsonObject>())
        {
            if (schema["format"]?.GetValue<string>() == "date-time")
            {
                Assert.Contains("string", schema["type"]!.ToJsonString());
            }
            if (schema["type"] is JsonArray types)
            {
                Assert.False(types.Any(t => t!.GetValue<string>() == "string") && types.Any(t => t!.GetValue<string>() is "integer" or "number"),
                    $"a number that may also be a string: {schema.ToJsonString()}");
            }
        }
        var scans = Assert.IsType<JsonObject>(document["paths"]!["/api/files/{id}/documents/{index}/scans"]!["post"]);
        var upload = scans["requestBody"]!["description"]!.GetValue<string>();
        Assert.Contains("application/pdf, image/png, image/jpeg, image/tiff", upload);
        Assert.Contains($"{BranchArchive.Persistence.Scans.ScanStoreOptions.DefaultMaxBytes} bytes", upload);
    }

    [Fact]
    public async Task With_an_identity_provider_the_document_names_its_OpenID_Connect_configuration()
    {
        await using var host = await ArchiveHost.StartAsync(extra: new() { ["Auth:Authority"] = "https://login.bank.test/realms/archive" });

        var document = await Served(host.Client);

        var scheme = document["components"]!["securitySchemes"]!["openIdConnect"]!;
        Assert.Equal("openIdConnect", scheme["type"]!.GetValue<string>());
        Assert.Equal("https://login.bank.test/realms/archive/.well-known/openid-configuration", scheme["openIdConnectUrl"]!.GetValue<string>());
        Assert.True(document["paths"]!["/api/files/{id}/checkout"]!["post"]!["security"]![0]!["openIdConnect"] is JsonArray);
    }

    /// <summary>Spectral (spectral:oas) and Redocly (recommended) on the served document: no error, no warning not switched off with a reason.</summary>
    [SkippableFact]
    public async Task The_served_document_passes_Spectral_and_Redocly()
    {
        var tools = Path.Combine(RepositoryFolder.Root(), "tools", "openapi");
        var installed = File.Exists(Path.Combine(tools, "node_modules", ".bin", "spectral"));
        Skip.If(!installed && Environment.GetEnvironmentVariable("CI") != "true", "Run tools/openapi/install.sh to lint the document (CI does).");
        Assert.True(installed, "tools/openapi/install.sh did not run: CI must lint the document.");
        var document = Path.Combine(Path.GetTempPath(), $"branch-archive-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, (await Served(fixture.Client)).ToJsonString());
        try
        {
            var (exitCode, output) = await Run("bash", Path.Combine(tools, "lint.sh"), document);
            Assert.True(exitCode == 0, $"The OpenAPI lint failed:{Environment.NewLine}{output}");
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>
    /// docs/openapi/v1.json is the contract as reviewed and the source of the generated client; it
    /// must be what the archive serves with its default settings. After an intended change, write
    /// it anew: <c>UPDATE_OPENAPI=1 dotnet test tests/BranchArchive.Api.Tests --filter OpenApiDocumentTests</c>.
    /// </summary>
    [Fact]
    public async Task The_committed_document_is_the_one_the_archive_serves()
    {
        var defaults = new WriteRateLimits.Options();
        var settings = await ArchiveSettings.FreshAsync() with { WriteBurst = defaults.Burst, WritesPerSecond = defaults.PerSecond };
        await using var host = await ArchiveHost.StartAsync(settings);
        var served = await Served(host.Client);
        served.Remove("servers"); // where it is served from, which differs per run
        var text = served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var committed = Path.Combine(RepositoryFolder.Root(), "docs", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
            await File.WriteAllTextAsync(committed, text);
        }

        Assert.True(File.Exists(committed) && await File.ReadAllTextAsync(committed) == text,
            "docs/openapi/v1.json is not what the archive serves. Review the difference, then write it anew with " +
            "UPDATE_OPENAPI=1 dotnet test tests/BranchArchive.Api.Tests --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task An_undeclared_status_or_a_body_that_does_not_match_fails_the_test()
    {
        var archivist = await fixture.Client.Archivist();
        var branch = await fixture.Client.OpenBranchWithCabinet();
        var id = (await fixture.Client.RegisterFile(archivist, branch)).GetProperty("id").GetString();
        var address = fixture.Client.Http.BaseAddress!;

        async Task<ContractViolationException> Violation(Func<HttpResponseMessage, Task> tamper)
        {
            using var client = new ArchiveClient(new HttpClient(new ContractCheckingHandler(new Tampering(new SocketsHttpHandler(), tamper))) { BaseAddress = address });
            return await Assert.ThrowsAsync<ContractViolationException>(() => client.Get($"/api/files/{id}", archivist));
        }

        var status = await Violation(response => { response.StatusCode = HttpStatusCode.Gone; return Task.CompletedTask; });
        Assert.Contains("status 410 is not declared", status.Message);
        var body = await Violation(async response =>
        {
            var file = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            file["fileNumber"] = "12"; // a number sent as a string
            file.Remove("status");
            response.Content = new StringContent(file.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        });
        Assert.Contains("does not match the declared schema", body.Message);
        Assert.Contains("/fileNumber", body.Message);
        Assert.Contains("status", body.Message);
        var problem = await Violation(response =>
        {
            response.StatusCode = HttpStatusCode.NotFound;
            response.Content = new StringContent("""{"title":"Not found."}""", System.Text.Encoding.UTF8, "application/problem+json");
            return Task.CompletedTask;
        });
        Assert.Contains("required", problem.Message);
    }

    private sealed class Tampering(HttpMessageHandler inner, Func<HttpResponseMessage, Task> tamper) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.StartsWith("/openapi", StringComparison.Ordinal))
            {
                await tamper(response);
            }
            return response;
        }
    }

    public static async Task<JsonObject> Served(ArchiveClient client)
    {
        using var response = await client.Http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(operation => (path.Key, operation.Key, operation.Value!.AsObject())));

    private static IEnumerable<JsonNode> Descendants(JsonNode node) =>
        node switch
        {
            JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            JsonArray array => array.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            _ => [node],
        };

    private static async Task<(int ExitCode, string Output)> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
