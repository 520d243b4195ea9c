using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Customer files: registration, reading, and the borrow register (checkout and return).</summary>
public static class FilesApi
{
    public static RouteGroupBuilder MapFilesApi(this IEndpointRouteBuilder routes)
    {
        var files = routes.MapGroup("/api/files").WithTags("Files");
        files.MapPost("/", RegisterFile).WithName(nameof(RegisterFile))
            .WithSummary("Register a customer file in a cabinet").RequireAuthorization(ArchivePolicies.RegisterFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapGet("/{id}", GetFile).WithName(nameof(GetFile))
            .WithSummary("A customer file").RequireAuthorization(ArchivePolicies.Read);
        files.MapGet("/{id}/loans", GetLoanHistory).WithName(nameof(GetLoanHistory))
            .WithSummary("The file's borrow register, newest first")
            .WithDescription("Whole for whoever is shown the file. A branch the file was sent to or lent at, once it has left, sees only the loans made at it; "
                + "a branch that handled nothing of the file is refused (403).")
            .RequireAuthorization(ArchivePolicies.Read);
        files.MapPost("/{id}/checkout", CheckOut).WithName(nameof(CheckOut))
            .WithSummary("Lend the file to a borrower").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        files.MapPost("/{id}/return", Return).WithName(nameof(Return))
            .WithSummary("Take the file back and record its condition").RequireAuthorization(ArchivePolicies.LendFiles).RequireRateLimiting(WriteRateLimits.Policy);
        return files;
    }

    public static async Task<Results<Created<CustomerFile>, ValidationProblem, ProblemHttpResult>> RegisterFile(
        RegisterFileCommand body, [AsParameters] ArchiveWrite request)
    {
        if (IdempotencyKeys.Check(request.IdempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var errors = body.Validate();
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var actor = request.Actor;
        var id = request.IdempotencyKey is { } key ? FileIds.FromIdempotencyKey(actor.Subject, key) : FileIds.New();
        var result = await request.Grains.GetGrain<ICustomerFileGrain>(id).Register(body, actor);
        return GrainAnswers.Created(result, file => $"/api/files/{file.Id}");
    }

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> GetFile(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.Get(request.Actor));

    public static Task<Results<Ok<IReadOnlyList<LoanRecord>>, ValidationProblem, ProblemHttpResult>> GetLoanHistory(
        string id, [AsParameters] ArchiveRequest request) =>
        FileGrainCalls.Read(id, request, file => file.GetLoanHistory(request.Actor));

    public static Task<Results<Ok<Loan>, ValidationProblem, ProblemHttpResult>> CheckOut(
        string id, CheckoutCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.CheckOut(body, request.Actor, key));

    public static Task<Results<Ok<CustomerFile>, ValidationProblem, ProblemHttpResult>> Return(
        string id, ReturnCommand body, [AsParameters] ArchiveWrite request) =>
        FileGrainCalls.Write(id, request, (file, key) => file.Return(body, request.Actor, key));
}
