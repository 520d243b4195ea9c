using BranchArchive.Contracts.Scans;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Describes the upload's raw body in the OpenAPI document. (Declaring it with <c>Accepts</c>
/// would make routing refuse other Content-Types itself; the archive judges content by its bytes.)
/// </summary>
internal static class ScanOpenApi
{
    public static Task DescribeUpload(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var binary = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The scan's bytes. Its kind is judged by its first bytes: PDF, PNG, JPEG or TIFF; anything else is refused (415).",
            Content = ScanMediaTypes.All.Append("application/octet-stream").ToDictionary(type => type, _ => binary),
        };
        return Task.CompletedTask;
    }
}
