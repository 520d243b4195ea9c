using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Imports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Bulk import of customer files from other departments' CSV exports: a job resource with progress and a report.</summary>
public static class ImportsApi
{
    /// <summary>Default for <c>Import:MaxCsvBytes</c>: about 100,000 rows of a typical export.</summary>
    public const long DefaultMaxCsvBytes = 32 * 1024 * 1024;

    private static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/plain"];

    public static void MapImportsApi(this IEndpointRouteBuilder routes)
    {
        var imports = routes.MapGroup("/api/imports").WithTags("Imports");
        imports.MapPost("/", StartImport).WithName(nameof(StartImport))
            .WithSummary("Import customer files from a CSV (text/csv); answers 202 with the job, which runs on")
            .Accepts<string>("text/csv")
            .RequireAuthorization(ArchivePolicies.ImportFiles).RequireRateLimiting(WriteRateLimits.Policy);
        imports.MapGet("/{id}", GetImport).WithName(nameof(GetImport))
            .WithSummary("An import job and its progress").RequireAuthorization(ArchivePolicies.Read);
        imports.MapGet("/{id}/report", GetImportReport).WithName(nameof(GetImportReport))
            .WithSummary("Every error and duplicate of the rows done so far, by row number").RequireAuthorization(ArchivePolicies.Read);
    }

    /// <param name="branch">The branch the import is for (rows naming no branch go there); staff of a branch default to their own.</param>
    public static async Task<Results<Accepted<ImportJob>, ValidationProblem, ProblemHttpResult>> StartImport(
        HttpRequest http, [AsParameters] ArchiveRequest request, IConfiguration configuration, string? branch)
    {
        if (branch is not null && !Codes.Branch().IsMatch(branch))
        {
            return Problems.Invalid("branch", $"must be {Codes.BranchDescription}.");
        }
        if (http.ContentType is not { } contentType || !CsvTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.For(StatusCodes.Status415UnsupportedMediaType, "Send the CSV as text/csv (UTF-8).");
        }
        var limit = configuration.GetValue<long?>("Import:MaxCsvBytes") ?? DefaultMaxCsvBytes;
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit; // larger than other bodies: a CSV of many rows
        }
        if (http.ContentLength > limit)
        {
            return Problems.For(StatusCodes.Status413PayloadTooLarge, $"A CSV may be at most {limit} bytes; split it.");
        }
        using var body = new MemoryStream();
        await http.Body.CopyToAsync(body, http.HttpContext.RequestAborted);
        var bytes = body.ToArray();
        if (ImportCsv.Decode(bytes) is not { } text)
        {
            return Problems.Invalid("body", "must be UTF-8 text.");
        }
        var (rows, errors) = ImportCsv.Read(text);
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), "The CSV cannot be imported.");
        }
        var actor = request.Actor;
        var command = new StartImportCommand(ImportIds.Digest(bytes), branch, rows);
        var invalid = command.Validate();
        if (!invalid.IsValid)
        {
            return TypedResults.ValidationProblem(invalid.ToDictionary());
        }
        var id = ImportIds.Job(actor.Subject, branch, command.Digest);
        var result = await request.Grains.GetGrain<IImportJobGrain>(id).Start(command, actor);
        return result.Succeeded ? TypedResults.Accepted($"/api/imports/{id}", result.Value!) : Refusal(result);
    }

    public static async Task<Results<Ok<ImportJob>, ValidationProblem, ProblemHttpResult>> GetImport(string id, [AsParameters] ArchiveRequest request) =>
        FileIds.IsValid(id) ? GrainAnswers.Ok(await request.Grains.GetGrain<IImportJobGrain>(id).Get(request.Actor)) : InvalidId();

    public static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> GetImportReport(string id, [AsParameters] ArchiveRequest request) =>
        FileIds.IsValid(id) ? GrainAnswers.Ok(await request.Grains.GetGrain<IImportJobGrain>(id).GetReport(request.Actor)) : InvalidId();

    private static Results<Accepted<ImportJob>, ValidationProblem, ProblemHttpResult> Refusal(ArchiveResult<ImportJob> result) =>
        result.Outcome == Outcome.Invalid
            ? TypedResults.ValidationProblem(result.Errors!, result.Detail)
            : Problems.For(GrainAnswers.StatusOf(result.Outcome), result.Detail);

    private static ValidationProblem InvalidId() => Problems.Invalid("id", "must be an import id (a lower-case GUID).");
}
