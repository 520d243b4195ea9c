using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BranchArchive.Api.OpenApi;

/// <summary>
/// What the whole document says once: who the API is for and what its version means, where it is
/// served, the tags, how callers authenticate, and the problem answers every operation shares.
/// </summary>
internal sealed class ArchiveDocument(AuthOptions auth, IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public const string ProblemSchema = "ProblemDetails";

    public const string ValidationProblemSchema = "HttpValidationProblemDetails";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Branches", "Branch offices and their cabinets."),
        ("Files", "Customer files: registration, reading, and the borrow register (checkout and return)."),
        ("Circulation", "Cross-branch requests and their queue, dispatch and receipt (the chain of custody), pickup, renewals, on-site reading, relocation, and the loan notices a branch receives."),
        ("Reading requests", "Readings (调阅) that need approval first: of an accounting file (a finance approver of its branch), or by an outside party on an official letter (head office, and finance for an accounting file)."),
        ("Copies", "Copies and extracts of a file's documents: recorded requests (documents, pages, copies, purpose), their approval, and each copy made."),
        ("Notifications", "Notices that reach people: webhook and e-mail subscriptions, their delivery logs, and the dead-letter list."),
        ("Borrowers", "Branch staff lists (who files may be lent to), each borrower's open loans and their limit, and the caller's own loans."),
        ("Inventory", "Head office's inventory across all branches: counts, searches, the overdue list, CSV export."),
        ("Audit", "The audit log: who did what and when, every change and every denial, and the check of its hash chain."),
        ("Access log", "Who read which customer file's details, histories and scans, and every export: asked by file or by person, with the chains' check."),
        ("Classification", "Re-classification of files, each file's history of it, and head office's list of recent ones."),
        ("Access requests", "Purpose-bound access: staff not shown a file in full ask to read it with a reason; a manager of its branch or head office approves it for some hours or refuses it; an emergency grants at once and is reviewed later."),
        ("Repairs", "Repairs of damaged files, and documents found missing at a return."),
        ("Retention", "The list of files past their retention, legal holds, and two-person destruction before witnesses."),
        ("Scans", "Scanned copies of a file's documents: upload, list, audited download."),
        ("Inspections", "Quarterly inspections (stocktakes) of cabinets: what is due, the sessions and their reports."),
        ("Imports", "Bulk import of customer files from other departments' CSV exports, as a job with progress and a report."),
        ("Operations", "For operators (admins): the cluster's silos, their status and grain activations."),
        ("Development", "Tokens for trying the archive out; served only where Auth:DevTokens is on (never in production)."),
    ];

    /// <summary>The security scheme every /api operation requires: the identity provider's, or the archive's own signed tokens.</summary>
    public static string SchemeId(AuthOptions auth) => auth.Authority is null ? "bearer" : "openIdConnect";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "BranchArchive API",
            Version = "1",
            Summary = "The system of record for customer paper files kept in locked cabinets across branch offices.",
            Description = """
                Every `/api` call needs `Authorization: Bearer <JWT>` (claims `sub`, `role`, and `branch` for clerks and managers).
                Bodies are JSON with camelCase names; enums are sent as one of their names, numbers as JSON numbers, timestamps as ISO 8601 UTC.
                A refusal is `application/problem+json` (RFC 9457) with a `detail`, and a 4xx changes nothing.
                Writes that create or move something take an optional `Idempotency-Key`: a repeat with the same key answers the first answer and has one effect.

                The version is the contract's major version: within it, changes are additive (new operations, new optional fields, new enum values in answers).
                Deprecated operations and parameters are marked `deprecated` here and answered with `Deprecation` and `Sunset` headers before they go.
                """,
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
            Contact = new OpenApiContact { Name = "BranchArchive operators" },
        };
        // Clients join operation paths to the server's URL: "http://host/" + "/api/files" would double the slash.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        var used = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(tag => tag.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(Tags.Where(tag => used.Contains(tag.Name))
            .Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId(auth)] = auth.Authority is { } authority
            ? new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri($"{authority.TrimEnd('/')}/.well-known/openid-configuration"),
                Description = "A token from the company's identity provider, sent as `Authorization: Bearer <JWT>`.",
            }
            : new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT signed by the archive's key (in development, from `POST /dev/token`).",
            };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();
        document.Components.Schemas[ValidationProblemSchema] = ValidationProblemDetailsSchema();
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        foreach (var problem in ProblemAnswers.All(configuration))
        {
            document.Components.Responses[problem.Name] = problem.Describe(document);
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem: what was refused and why. Further members may be added.",
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The kind of problem, the same for every answer with this status." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request, for a person to read." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, to find it in the logs and the audit log." },
        },
    };

    private static OpenApiSchema ValidationProblemDetailsSchema()
    {
        var schema = ProblemDetailsSchema();
        schema.Description = "A problem with the request's fields: `errors` lists the messages for each bad field, parameter or header.";
        schema.Properties!["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Messages by field name (`customer.name`, `documents[0].type`, `Idempotency-Key`).",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        return schema;
    }
}
