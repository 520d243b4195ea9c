using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Retention;

/// <summary>Body of <c>POST /api/files/{id}/legal-hold</c>.</summary>
[GenerateSerializer, Immutable, Alias("place-legal-hold-command")]
public sealed record PlaceLegalHoldCommand([property: Id(0)] string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/destruction</c>: proposes a file past its retention for destruction.</summary>
[GenerateSerializer, Immutable, Alias("request-destruction-command")]
public sealed record RequestDestructionCommand([property: Id(0)] string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/destruction/approvals</c>.</summary>
[GenerateSerializer, Immutable, Alias("approve-destruction-command")]
public sealed record ApproveDestructionCommand(
    [property: Id(0)] string? RequestId,
    [property: Id(1)] DestructionApprover? As)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("requestId", RequestId, 64);
        errors.Required("as", As);
        errors.Defined("as", As);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/destruction/execute</c>: the register entry signed by the witnesses present.</summary>
[GenerateSerializer, Immutable, Alias("destroy-file-command")]
public sealed record DestroyFileCommand(
    [property: Id(0)] string? RequestId,
    [property: Id(1)] IReadOnlyList<string>? Witnesses,
    [property: Id(2)] string? Method)
{
    public const int MinWitnesses = 2;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("requestId", RequestId, 64);
        errors.OptionalText("method", Method, 200);
        if (Witnesses is null || Witnesses.Count(w => !string.IsNullOrWhiteSpace(w)) < MinWitnesses)
        {
            errors.Add("witnesses", $"must name at least {MinWitnesses} people present.");
            return errors;
        }
        for (var i = 0; i < Witnesses.Count; i++)
        {
            errors.RequiredText($"witnesses[{i}]", Witnesses[i], 100);
        }
        if (Witnesses.Select(w => w?.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Witnesses.Count)
        {
            errors.Add("witnesses", "must name different people.");
        }
        return errors;
    }
}
