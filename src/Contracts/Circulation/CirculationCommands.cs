using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Circulation;

/// <summary>Asks for a file to be lent at <c>PickupBranch</c>. Body of <c>POST /api/files/{id}/requests</c>.</summary>
[GenerateSerializer, Immutable, Alias("request-file-command")]
public sealed record RequestFileCommand(
    [property: Id(0)] string? Borrower,
    [property: Id(1)] string? PickupBranch,
    [property: Id(2)] string? Purpose,
    [property: Id(3)] int? Days)
{
    public ValidationErrors Validate()
    {
        var errors = new CheckoutCommand(Borrower, Purpose, Days).Validate();
        errors.Pattern("pickupBranch", PickupBranch, Codes.Branch(), Codes.BranchDescription);
        return errors;
    }

    public CheckoutCommand AsCheckout() => new(Borrower, Purpose, Days);
}

/// <summary>Hands the file to a courier. Body of <c>POST /api/files/{id}/dispatch</c>.</summary>
[GenerateSerializer, Immutable, Alias("dispatch-command")]
public sealed record DispatchCommand([property: Id(0)] string? Reference)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reference", Reference, 100);
        return errors;
    }
}

/// <summary>Takes the file from the courier. Body of <c>POST /api/files/{id}/receive</c>.</summary>
[GenerateSerializer, Immutable, Alias("receive-command")]
public sealed record ReceiveCommand([property: Id(0)] string? Notes)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalText("notes", Notes, 2000);
        return errors;
    }
}

/// <summary>Lends a file waiting for the request's borrower. Body of <c>POST /api/files/{id}/pickup</c>.</summary>
[GenerateSerializer, Immutable, Alias("pickup-command")]
public sealed record PickupCommand([property: Id(0)] string? RequestId)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("requestId", RequestId, 64);
        return errors;
    }
}

/// <summary>Extends the open loan. Body of <c>POST /api/files/{id}/renew</c>.</summary>
[GenerateSerializer, Immutable, Alias("renew-command")]
public sealed record RenewCommand(
    [property: Id(0)] string? LoanId,
    [property: Id(1)] int? Days)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("loanId", LoanId, 64);
        errors.Required("days", Days);
        if (Days is { } days)
        {
            errors.Range("days", days, CheckoutCommand.MinDays, CheckoutCommand.MaxDays);
        }
        return errors;
    }
}
