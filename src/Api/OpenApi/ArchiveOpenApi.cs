using BranchArchive.Api.Apis;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

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

    /// <summary>
    /// The archive's own API and the development token; not what libraries map beside it (the
    /// Orleans dashboard's internal routes, health checks, metrics).
    /// </summary>
    private static bool IsContract(ApiDescription description) =>
        description.RelativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path == "dev/token");
}
