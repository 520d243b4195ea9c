using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace BranchArchive.Testing;

/// <summary>
/// The archive's OpenAPI document as a judge of answers: is this status declared for the operation,
/// is the body of a declared media type, and does it match the declared schema (JSON Schema 2020-12,
/// which OpenAPI 3.1 schemas are).
/// </summary>
public sealed partial class OpenApiContract
{
    /// <summary>Where the component schemas live once the document's references are made absolute.</summary>
    private const string SchemasBase = "https://contract.branch-archive.test/schemas";

    private readonly JsonObject _document;
    private readonly List<(Regex Path, int Literals, JsonObject Item)> _paths;
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        _paths = [.. document["paths"]!.AsObject().Select(path => (
            new Regex("^" + Parameter().Replace(Regex.Escape(path.Key).Replace(@"\{", "{"), "[^/]+") + "$", RegexOptions.CultureInvariant),
            path.Key.Split('/').Count(segment => !segment.StartsWith('{')),
            path.Value!.AsObject()))];
        var schemas = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = SchemasBase,
            ["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
        };
        JsonSchema.Build(JsonSerializer.SerializeToElement(schemas), _build, new Uri(SchemasBase));
    }

    public static OpenApiContract Parse(string documentJson) =>
        new(JsonNode.Parse(documentJson.Replace("\"#/components/schemas/", $"\"{SchemasBase}#/$defs/", StringComparison.Ordinal))!.AsObject());

    /// <summary>The operation the document declares for this request, or null when it declares none (a path or method outside the contract).</summary>
    public JsonObject? OperationFor(string method, string path) =>
        _paths.Where(candidate => candidate.Path.IsMatch(path)).OrderByDescending(candidate => candidate.Literals)
            .Select(candidate => candidate.Item[method.ToLowerInvariant()] as JsonObject).FirstOrDefault(operation => operation is not null);

    /// <summary>What is wrong with an answer to the operation, or null when the document declares it.</summary>
    public string? Check(JsonObject operation, int status, MediaTypeHeaderValue? contentType, string? body, HttpHeaders headers)
    {
        var responses = operation["responses"]?.AsObject();
        var declared = responses?[status.ToString(CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (declared is null)
        {
            return $"status {status} is not declared (declared: {string.Join(", ", responses?.Select(r => r.Key) ?? [])})";
        }
        var response = Resolve(declared.AsObject());
        foreach (var header in response["headers"]?.AsObject() ?? [])
        {
            if (header.Value?["required"]?.GetValue<bool>() == true && !headers.Contains(header.Key))
            {
                return $"the required header {header.Key} is missing";
            }
        }
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return string.IsNullOrEmpty(body) ? null : "a body was sent where none is declared";
        }
        var mediaType = contentType?.MediaType;
        var declaredType = content.FirstOrDefault(candidate => string.Equals(candidate.Key, mediaType, StringComparison.OrdinalIgnoreCase));
        if (declaredType.Value is null)
        {
            return $"the content type {mediaType ?? "(none)"} is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})";
        }
        if (body is null || declaredType.Value["schema"] is not JsonObject schema)
        {
            return null;
        }
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException json)
        {
            return $"the body is not JSON: {json.Message}";
        }
        var results = SchemaFor(schema).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? null
            : "the body does not match the declared schema: " + string.Join("; ", (results.Details ?? [results])
                .Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} {error.Key}: {error.Value}")));
    }

    private JsonObject Resolve(JsonObject response) =>
        response["$ref"]?.GetValue<string>() is { } reference
            ? _document["components"]!["responses"]![reference.Split('/')[^1]]!.AsObject()
            : response;

    private JsonSchema SchemaFor(JsonObject schema)
    {
        var text = schema.ToJsonString();
        return _schemas.GetOrAdd(text, _ =>
            JsonSchema.Build(JsonDocument.Parse(text).RootElement, _build, new Uri($"{SchemasBase}/answers/{Guid.NewGuid():N}")));
    }

    [GeneratedRegex(@"\{[^}/]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
