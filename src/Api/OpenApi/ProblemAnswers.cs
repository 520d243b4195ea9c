using BranchArchive.Api.Http;
using Microsoft.OpenApi;

namespace BranchArchive.Api.OpenApi;

/// <summary>
/// The problem answers operations share, declared once under <c>components/responses</c> and
/// referred to by each operation that can give them (<see cref="OperationContract"/> decides which).
/// </summary>
internal sealed record ProblemAnswers(int Status, string Description, string Schema = ArchiveDocument.ProblemSchema)
{
    /// <summary>The answer's name under <c>components/responses</c>.</summary>
    public string Name => NameOf(Status);

    public static string NameOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "BadRequest",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "NotFound",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "ContentTooLarge",
        StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaType",
        StatusCodes.Status429TooManyRequests => "TooManyRequests",
        StatusCodes.Status503ServiceUnavailable => "ServiceUnavailable",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No shared problem answer for this status: add one."),
    };

    public static IEnumerable<ProblemAnswers> All(IConfiguration configuration)
    {
        var maxBody = RequestLimits.MaxBodyBytes(configuration);
        var writes = configuration.GetSection(WriteRateLimits.Options.Section).Get<WriteRateLimits.Options>() ?? new();
        return
        [
            new(StatusCodes.Status400BadRequest,
                "The request is invalid: `errors` names each bad field, parameter or header; a body that is not valid JSON for the operation (a number in quotes, an unknown enum name) is named the same way. Nothing was changed.",
                ArchiveDocument.ValidationProblemSchema),
            new(StatusCodes.Status401Unauthorized, "No token, or one that is invalid or expired."),
            new(StatusCodes.Status403Forbidden,
                "Authenticated but not allowed: the role, the branch (staff of a branch act in their own), or the file's sensitivity. The denial is audited; nothing was changed."),
            new(StatusCodes.Status404NotFound, "Something the request names (in its path or body) does not exist. Nothing was changed."),
            new(StatusCodes.Status409Conflict,
                "The request conflicts with the current state: the file is already out (the detail says who holds it or what state it is in), the loan id is not the open loan, the code is taken, the cabinet is full, the step is out of order. Nothing was changed."),
            new(StatusCodes.Status413PayloadTooLarge,
                $"The body is larger than the archive accepts: {maxBody} bytes for JSON (Api:MaxRequestBodyBytes); scans and CSV imports state their own limits. Nothing was changed."),
            new(StatusCodes.Status415UnsupportedMediaType, "The body is not of a kind this operation accepts (JSON bodies: `application/json`). Nothing was changed."),
            new(StatusCodes.Status429TooManyRequests,
                $"Changes faster than the archive allows one person ({writes.Burst} at once, then {writes.PerSecond} a second), or a person refused (403) too often in a short time (Api:DenialRateLimit). Nothing was changed; retry after `Retry-After` seconds."),
            new(StatusCodes.Status503ServiceUnavailable,
                "The archive's storage or cluster did not answer. The detail says whether the change may have been made; repeat the request with the same Idempotency-Key to find out."),
        ];
    }

    public IOpenApiResponse Describe(OpenApiDocument document) => new OpenApiResponse
    {
        Description = Description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Schema, document) },
        },
        Headers = Status == StatusCodes.Status429TooManyRequests
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before the next change will be accepted.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                },
            }
            : null,
    };
}
