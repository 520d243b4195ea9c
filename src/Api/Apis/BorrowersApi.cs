using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Staff;
using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Apis;

/// <summary>Borrowers' open loans: the caller's own, and (for managers and head office) anyone's within their scope.</summary>
public static class BorrowersApi
{
    public static IEndpointRouteBuilder MapBorrowersApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/loans/mine", MyLoans).WithName(nameof(MyLoans)).WithTags("Borrowers")
            .WithSummary("The caller's own open loans").RequireAuthorization(ArchivePolicies.Read);
        routes.MapGet("/api/borrowers/{staffId}/loans", BorrowerLoans).WithName(nameof(BorrowerLoans)).WithTags("Borrowers")
            .WithSummary("A borrower's open loans (managers: those held at their branch)").RequireAuthorization(ArchivePolicies.ReadBorrowers);
        return routes;
    }

    public static async Task<Results<Ok<BorrowerLoans>, ValidationProblem, ProblemHttpResult>> MyLoans([AsParameters] ArchiveRequest request) =>
        GrainAnswers.Ok(await request.Grains.GetGrain<IBorrowerGrain>(request.Actor.Subject).Loans(request.Actor));

    public static async Task<Results<Ok<BorrowerLoans>, ValidationProblem, ProblemHttpResult>> BorrowerLoans(
        string staffId, [AsParameters] ArchiveRequest request)
    {
        var errors = new ValidationErrors();
        EnlistStaffCommand.ValidateStaffId(errors, "staffId", staffId);
        if (!errors.IsValid)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return GrainAnswers.Ok(await request.Grains.GetGrain<IBorrowerGrain>(staffId).Loans(request.Actor));
    }
}
