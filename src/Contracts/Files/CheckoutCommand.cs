using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>Lends a file to a borrower. Also the body of <c>POST /api/files/{id}/checkout</c>.</summary>
[GenerateSerializer, Immutable, Alias("checkout-command")]
public sealed record CheckoutCommand(
    [property: Id(0)] string? Borrower,
    [property: Id(1)] string? Purpose,
    [property: Id(2)] int? Days)
{
    public const int MinDays = 1;
    public const int MaxDays = 90;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("borrower", Borrower, 100);
        errors.RequiredText("purpose", Purpose, 500);
        errors.Required("days", Days);
        if (Days is { } days)
        {
            errors.Range("days", days, MinDays, MaxDays);
        }
        return errors;
    }
}
