using BranchArchive.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BranchArchive.Api.Http;

public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>A malformed key is refused before anything is done, rather than ignored.</summary>
    public static ValidationProblem? Check(string? key) =>
        key is null || Codes.IdempotencyKey().IsMatch(key)
            ? null
            : Problems.Invalid(Header, "must be 1 to 100 printable ASCII characters without spaces.");
}
