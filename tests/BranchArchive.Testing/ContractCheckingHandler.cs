using System.Net.Http.Headers;

namespace BranchArchive.Testing;

/// <summary>
/// Judges every answer the tests receive against the OpenAPI document the archive serves: an
/// undeclared status, an undeclared content type or a body that does not match its schema throws
/// <see cref="ContractViolationException"/>, which fails the test that sent the request. Requests
/// outside the document (health, metrics, an undeclared path or method) pass unjudged, and so do
/// paths with control characters: Kestrel refuses those itself with a bare 400 before the API sees
/// them (the fuzz tests send some), which is HTTP's answer, not the API's.
/// </summary>
public sealed class ContractCheckingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private OpenApiContract? _contract;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if ((!path.StartsWith("/api/", StringComparison.Ordinal) && path != "/dev/token") || Uri.UnescapeDataString(path).Any(char.IsControl))
        {
            return response;
        }
        var contract = await ContractAsync(request.RequestUri, cancellationToken);
        if (contract.OperationFor(request.Method.Method, path) is not { } operation)
        {
            return response;
        }
        var contentType = response.Content.Headers.ContentType;
        string? body = null;
        if (IsJson(contentType) || contentType is null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        if (contract.Check(operation, (int)response.StatusCode, contentType, body, response.Headers) is { } violation)
        {
            throw new ContractViolationException($"{request.Method} {path} answered {(int)response.StatusCode}, which the OpenAPI document does not allow: {violation}.{Environment.NewLine}Body: {body}");
        }
        return response;
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal));

    private async Task<OpenApiContract> ContractAsync(Uri address, CancellationToken cancellationToken)
    {
        if (_contract is { } loaded)
        {
            return loaded;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_contract is null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/openapi/v1.json"));
                using var response = await base.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                _contract = OpenApiContract.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            }
            return _contract;
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loading.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>The archive answered something its OpenAPI document does not declare.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
