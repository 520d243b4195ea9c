using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace BranchArchive.Api.OpenApi;

/// <summary>
/// What each operation promises beyond its success answer, derived from its endpoint metadata:
/// the token it requires, the problems it can answer, its rate limit and an example request.
/// An endpoint declares a further problem with <c>.ProducesProblem(status)</c>.
/// </summary>
internal sealed class OperationContract(AuthOptions auth) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var jsonBody = description.ParameterDescriptions.FirstOrDefault(parameter => parameter.Source == BindingSource.Body);
        var hasBody = jsonBody is not null || operation.RequestBody is not null;
        var namesSomething = description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Path) || hasBody;
        var changes = !HttpMethods.IsGet(description.HttpMethod ?? "GET");

        var problems = new SortedSet<int>();
        if ((operation.Parameters?.Count ?? 0) > 0 || hasBody)
        {
            problems.Add(StatusCodes.Status400BadRequest);
        }
        if (secured)
        {
            // 429: a person refused again and again is held back on every call (Api:DenialRateLimit), not only on writes.
            problems.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests,
                StatusCodes.Status503ServiceUnavailable]);
            if (namesSomething)
            {
                problems.Add(StatusCodes.Status404NotFound);
            }
            if (changes)
            {
                problems.Add(StatusCodes.Status409Conflict);
            }
        }
        if (hasBody)
        {
            problems.Add(StatusCodes.Status413PayloadTooLarge);
        }
        if (jsonBody is not null)
        {
            problems.Add(StatusCodes.Status415UnsupportedMediaType);
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            problems.Add(StatusCodes.Status429TooManyRequests);
        }
        // What the endpoint declared itself (.ProducesProblem), e.g. a scan's 413 and 415.
        problems.UnionWith(metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Select(produces => produces.StatusCode).Where(status => status >= 400));

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in problems)
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // An endpoint's own transformer may already refer to the shared answer with its own description (a scan's limits).
            if (operation.Responses.GetValueOrDefault(code) is not OpenApiResponseReference)
            {
                operation.Responses[code] = new OpenApiResponseReference(ProblemAnswers.NameOf(status), context.Document);
            }
        }

        // No token needed is said explicitly (an empty requirement), so no operation's security is left to guess.
        operation.Security = secured
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ArchiveDocument.SchemeId(auth), context.Document)] = [] }]
            : [new OpenApiSecurityRequirement()];
        operation.Description = Describe(operation.Description, metadata, problems);
        DescribeIdempotencyKey(operation);
        if (jsonBody is not null && RequestExamples.For(jsonBody.Type) is { } example
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            json.Example = example;
        }
        return Task.CompletedTask;
    }

    /// <summary>Who may call the operation and how it is limited, from its policy and rate limit.</summary>
    private static string Describe(string? own, IList<object> metadata, ISet<int> problems)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(own))
        {
            lines.Add(own);
        }
        var policies = metadata.OfType<IAuthorizeData>().Select(data => data.Policy).OfType<string>().Distinct().ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || policies.Count == 0)
        {
            lines.Add("No token needed.");
        }
        foreach (var policy in policies)
        {
            var roles = RolesOf(policy);
            lines.Add($"Roles: {string.Join(", ", roles.Select(role => role.ToLowerInvariant()))}."
                + (roles.Contains(nameof(StaffRoles.Clerk)) || roles.Contains(nameof(StaffRoles.Manager))
                    ? " Clerks and managers act in their own branch."
                    : ""));
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            lines.Add("A write: limited per person, over the limit 429 with Retry-After.");
        }
        return string.Join("\n\n", lines);
    }

    /// <summary>The roles of a policy: each policy is named after its row of <see cref="Permissions"/>.</summary>
    private static List<string> RolesOf(string policy) =>
        typeof(Permissions).GetField(policy)?.GetRawConstantValue() is int roles
            ? [.. Enum.GetValues<StaffRoles>().Where(role => role != StaffRoles.None && ((StaffRoles)roles).HasFlag(role)).Select(role => role.ToString())]
            : throw new InvalidOperationException($"Policy {policy} has no row in Permissions.");

    private static void DescribeIdempotencyKey(OpenApiOperation operation)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == IdempotencyKeys.Header) is { } key)
        {
            key.Description = "Makes the request safe to repeat: a repeat with the same key answers the first answer and has exactly one effect.";
            key.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 100, Pattern = "^[\\x21-\\x7E]+$" };
        }
    }
}
