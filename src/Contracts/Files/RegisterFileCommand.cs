using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>Registers a new customer file in a cabinet. Also the body of <c>POST /api/files</c>.</summary>
[GenerateSerializer, Immutable, Alias("register-file-command")]
public sealed record RegisterFileCommand(
    [property: Id(0)] string? Branch,
    [property: Id(1)] string? Cabinet,
    [property: Id(2)] Customer? Customer,
    [property: Id(3)] Importance? Importance,
    [property: Id(4)] Sensitivity? Sensitivity,
    [property: Id(5)] bool? Lendable,
    [property: Id(6)] IReadOnlyList<string>? Tags,
    [property: Id(7)] IReadOnlyList<FileDocument>? Documents,
    [property: Id(8)] CooperationStage? Stage = null,
    [property: Id(9)] Relationship? Relationship = null,
    [property: Id(10)] int? Year = null,
    [property: Id(11)] int? Quarter = null,
    [property: Id(12)] DateOnly? RelationshipEndedOn = null)
{
    public const int MaxTags = 30;
    public const int MaxDocuments = 500;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Pattern("branch", Branch, Codes.Branch(), Codes.BranchDescription);
        errors.Pattern("cabinet", Cabinet, Codes.Cabinet(), Codes.CabinetDescription);
        ValidateCustomer(errors);
        errors.Required("importance", Importance);
        errors.Defined("importance", Importance);
        errors.Defined("sensitivity", Sensitivity);
        errors.Defined("stage", Stage);
        errors.Defined("relationship", Relationship);
        FilingPeriod.Validate(errors, Year, Quarter);
        RelationshipEnd.Validate(errors, RelationshipEndedOn, Stage ?? CooperationStage.Potential);
        ValidateTags(errors);
        ValidateDocuments(errors);
        return errors;
    }

    private void ValidateCustomer(ValidationErrors errors)
    {
        if (Customer is null)
        {
            errors.Add("customer", "is required.");
            return;
        }
        errors.RequiredText("customer.name", Customer.Name, 200);
        errors.Required("customer.type", Customer.Type);
        errors.Defined("customer.type", Customer.Type);
        errors.OptionalText("customer.idNumber", Customer.IdNumber, 64);
        errors.OptionalText("customer.industry", Customer.Industry, 100);
        errors.OptionalText("customer.region", Customer.Region, 100);
    }

    private void ValidateTags(ValidationErrors errors)
    {
        if (Tags is null)
        {
            return;
        }
        if (Tags.Count > MaxTags)
        {
            errors.Add("tags", $"must hold at most {MaxTags} tags.");
        }
        for (var i = 0; i < Tags.Count; i++)
        {
            errors.RequiredText($"tags[{i}]", Tags[i], 50);
        }
    }

    private void ValidateDocuments(ValidationErrors errors)
    {
        if (Documents is null)
        {
            return;
        }
        if (Documents.Count > MaxDocuments)
        {
            errors.Add("documents", $"must hold at most {MaxDocuments} documents.");
        }
        for (var i = 0; i < Documents.Count; i++)
        {
            var document = Documents[i];
            if (document is null)
            {
                errors.Add($"documents[{i}]", "is required.");
                continue;
            }
            errors.Required($"documents[{i}].type", document.Type);
            errors.Defined($"documents[{i}].type", document.Type);
            errors.RequiredText($"documents[{i}].title", document.Title, 200);
            if (document.Pages is { } pages)
            {
                errors.Range($"documents[{i}].pages", pages, 1, 100_000);
            }
        }
    }
}
