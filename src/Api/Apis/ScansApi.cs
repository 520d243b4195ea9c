using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Scans;
using BranchArchive.Contracts.Validation;
using BranchArchive.Persistence.Scans;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BranchArchive.Api.Apis;

/// <summary>
/// Scanned copies of a file's documents. An upload is the scan's raw bytes as the body: the file
/// grain first says whether the caller may attach, then the bytes go to the scan store (refused by
/// size or by what they are, whatever Content-Type claims), then the grain records them. A
/// download is allowed and audited by the grain before the stored bytes are streamed.
/// </summary>
public static class ScansApi
{
    public static RouteGroupBuilder MapScansApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files/{id}").WithTags("Scans");
        files.MapPost("/documents/{index}/scans", AttachScan).WithName(nameof(AttachScan))
            .WithSummary("Attach a scanned copy to a document: the body is the PDF, PNG, JPEG or TIFF itself; 201 new, 200 already attached")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(ScanOpenApi.DescribeUpload)
            .RequireAuthorization(ArchivePolicies.AttachScans).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/scans", GetScans).WithName(nameof(GetScans))
            .WithSummary("The file's scanned copies, oldest first").RequireAuthorization(ArchivePolicies.Read);
        files.MapGet("/scans/{digest}", DownloadScan).WithName(nameof(DownloadScan))
            .WithSummary("Download a scanned copy (audited); only staff shown the customer may")
            .Produces(StatusCodes.Status200OK, typeof(Stream), ScanMediaTypes.Pdf, [.. ScanMediaTypes.All.Skip(1)])
            .RequireAuthorization(ArchivePolicies.Read);
        return files;
    }

    public static async Task<Results<Created<ScannedCopy>, Ok<ScannedCopy>, ValidationProblem, ProblemHttpResult>> AttachScan(
        string id, string index, [FromQuery] string? name, HttpRequest http, [AsParameters] ArchiveRequest request,
        [FromServices] IScanStore store, [FromServices] IOptions<ScanStoreOptions> options)
    {
        if (Validate(id, index, name) is { } invalid)
        {
            return LeavingBodyUnread(http, invalid);
        }
        var documentIndex = int.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
        var file = request.Grains.GetGrain<ICustomerFileGrain>(id);
        var allowed = await file.MayAttachScan(documentIndex, request.Actor);
        if (!allowed.Succeeded)
        {
            return LeavingBodyUnread(http, Refusal(allowed));
        }

        var maxBytes = options.Value.MaxBytes;
        if (http.ContentLength > maxBytes)
        {
            return LeavingBodyUnread(http, TooLarge(maxBytes));
        }
        // The API's small body limit is for JSON; a scan may be up to the store's limit (checked while reading).
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1;
        }
        var written = await store.PutAsync(http.Body, maxBytes, http.HttpContext.RequestAborted);
        switch (written.Outcome)
        {
            case ScanWriteOutcome.Empty:
                return Problems.Invalid("body", "is empty: send the scan's bytes.");
            case ScanWriteOutcome.TooLarge:
                return LeavingBodyUnread(http, TooLarge(maxBytes));
            case ScanWriteOutcome.UnsupportedType:
                return LeavingBodyUnread(http, Problems.For(StatusCodes.Status415UnsupportedMediaType,
                    "The content is not a PDF, PNG, JPEG or TIFF (judged by its first bytes, not by its name or Content-Type)."));
        }

        var attached = await file.AttachScan(new AttachScanCommand(documentIndex, written.Digest!, written.Size, written.MediaType!, name), request.Actor);
        if (!attached.Succeeded && written.Outcome == ScanWriteOutcome.Stored)
        {
            // Bytes this upload stored and no file took: erased unless some file claims them meanwhile.
            await request.Grains.GetGrain<IScanContentGrain>(written.Digest!).Release(id);
        }
        return attached.Outcome switch
        {
            Outcome.Created => TypedResults.Created($"/api/files/{id}/scans/{attached.Value!.Digest}", attached.Value),
            Outcome.Ok => TypedResults.Ok(attached.Value!),
            _ => Refusal(attached),
        };
    }

    public static Task<Results<Ok<IReadOnlyList<ScannedCopy>>, ValidationProblem, ProblemHttpResult>> GetScans(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetScans(request.Actor));

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> DownloadScan(
        string id, string digest, HttpResponse response, [AsParameters] ArchiveRequest request, [FromServices] IScanStore store)
    {
        if (!FileIds.IsValid(id))
        {
            return FileGrainCalls.InvalidId();
        }
        if (!ScanDigests.IsValid(digest))
        {
            return Problems.Invalid("digest", ScanDigests.Description);
        }
        var allowed = await request.Grains.GetGrain<ICustomerFileGrain>(id).AuthorizeScanDownload(digest, request.Actor);
        if (!allowed.Succeeded)
        {
            return Refusal(allowed);
        }
        if (store.OpenRead(digest) is not { } content)
        {
            return Problems.For(StatusCodes.Status404NotFound, $"The content of scan {digest} is not in the scan store.");
        }
        var scan = allowed.Value!;
        // The digest as RFC 9530 states it, so a client can check what it received.
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(digest))}:";
        // A name kept before names were cleaned is cleaned here too.
        return TypedResults.Stream(content, scan.MediaType, ScanFileNames.For(scan.OriginalName, scan.MediaType) ?? $"{digest}{ScanFileNames.ExtensionOf(scan.MediaType)}");
    }

    private static ValidationProblem? Validate(string id, string index, string? name)
    {
        var errors = new ValidationErrors();
        if (!FileIds.IsValid(id))
        {
            errors.Add("id", "must be a file id (a lower-case GUID).");
        }
        if (index.Length > 9 || !index.All(char.IsAsciiDigit) || index.Length == 0)
        {
            errors.Add("index", "must be the document's position in the file's documents, from 0.");
        }
        AttachScanCommand.ValidateName(errors, name);
        return errors.IsValid ? null : TypedResults.ValidationProblem(errors.ToDictionary(), "One or more fields are invalid.");
    }

    /// <summary>
    /// Refuses without reading the rest of the body (up to the size limit, it would be read only to
    /// be thrown away): the connection is closed after the answer, so the client does not reuse it
    /// while unread bytes are still on it.
    /// </summary>
    private static T LeavingBodyUnread<T>(HttpRequest http, T refusal)
    {
        http.HttpContext.Response.Headers.Connection = "close";
        return refusal;
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.For(StatusCodes.Status413PayloadTooLarge, $"A scan may be at most {maxBytes} bytes; nothing was stored.");

    private static ProblemHttpResult Refusal<T>(ArchiveResult<T> result) => Problems.For(GrainAnswers.StatusOf(result.Outcome), result.Detail);

}
