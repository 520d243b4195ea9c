using BranchArchive.Api.OpenApi;
using BranchArchive.Contracts.Scans;
using BranchArchive.Persistence.Scans;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Describes the upload's raw body in the OpenAPI document, with the kinds and the size the store
/// accepts. (Declaring it with <c>Accepts</c> would make routing refuse other Content-Types itself;
/// the archive judges content by its bytes.)
/// </summary>
internal static class ScanOpenApi
{
    public static Task DescribeUpload(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var maxBytes = context.ApplicationServices.GetRequiredService<IOptions<ScanStoreOptions>>().Value.MaxBytes;
        var kinds = $"PDF, PNG, JPEG or TIFF ({string.Join(", ", ScanMediaTypes.All)})";
        var binary = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = maxBytes > int.MaxValue ? null : (int)maxBytes } };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"The scan's bytes, at most {maxBytes} bytes (Scans:MaxBytes). Its kind is judged by its first bytes, not by Content-Type: {kinds}; anything else is refused (415).",
            Content = ScanMediaTypes.All.Append("application/octet-stream").ToDictionary(type => type, _ => binary),
        };
        operation.Responses ??= new OpenApiResponses();
        operation.Responses["413"] = new OpenApiResponseReference(ProblemAnswers.NameOf(StatusCodes.Status413PayloadTooLarge), context.Document)
        {
            Description = $"The scan is larger than {maxBytes} bytes (Scans:MaxBytes); nothing was stored.",
        };
        operation.Responses["415"] = new OpenApiResponseReference(ProblemAnswers.NameOf(StatusCodes.Status415UnsupportedMediaType), context.Document)
        {
            Description = $"The content is not a {kinds}, judged by its first bytes; nothing was stored.",
        };
        return Task.CompletedTask;
    }
}
