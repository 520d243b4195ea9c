using BranchArchive.Api.Apis;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Scalar.AspNetCore;

namespace BranchArchive.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the HTTP contract generators, linters and
/// client developers build on. Endpoints declare what only they know (name, summary, tag, policy,
/// rate limit, an odd extra status); the transformers here derive everything shared from that, in
/// one place each: <see cref="ArchiveDocument"/> (info, servers, tags, security schemes, problem
/// responses), <see cref="OperationContract"/> (security requirement, problems, examples) and
/// <see cref="SchemaTypes"/> (types the schema generator cannot see through our converters).
/// </summary>
public static class ArchiveOpenApi
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddArchiveOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = IsContract;
            options.AddDocumentTransformer<ArchiveDocument>();
            options.AddOperationTransformer<OperationContract>();
            options.AddSchemaTransformer<SchemaTypes>();
        });

    /// <summary>Reading it: the document itself, and a browsable reference of it.</summary>
    public const string ReferencePath = "/reference";

    /// <summary>
    /// The document at <see cref="DocumentPath"/> and the Scalar reference at <see cref="ReferencePath"/>,
    /// both without a token (the contract is public; using it is not). The reference is served from
    /// the app's own files: no CDN, no web fonts, no telemetry, no AI agent, no links to a vendor's cloud (its
    /// developer tools), so it works offline and tells no one who reads it.
    /// </summary>
    public static void MapArchiveOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).AllowAnonymous();
        routes.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("BranchArchive API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes("bearer"))
            .AllowAnonymous();
    }

    /// <summary>
    /// The archive's own API and the development token; not what libraries map beside it (the
    /// Orleans dashboard's internal routes, health checks, metrics).
    /// </summary>
    private static bool IsContract(ApiDescription description) =>
        description.RelativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path == "dev/token");
}
