using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Repairs;

/// <summary>Body of <c>POST /api/files/{id}/repairs</c>: sends a damaged file to repair.</summary>
[GenerateSerializer, Immutable, Alias("start-repair-command")]
public sealed record StartRepairCommand([property: Id(0)] string? Damage)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("damage", Damage, 1000);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/repairs/{repairId}/complete</c>: the file is repaired and back on its shelf.</summary>
[GenerateSerializer, Immutable, Alias("complete-repair-command")]
public sealed record CompleteRepairCommand([property: Id(0)] string? Work)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("work", Work, 1000);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/missing-documents/supplied</c>: documents found or re-made.</summary>
[GenerateSerializer, Immutable, Alias("supply-documents-command")]
public sealed record SupplyDocumentsCommand([property: Id(0)] IReadOnlyList<string>? Titles)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Titles is null || Titles.Count == 0)
        {
            errors.Add("titles", "must name at least one document.");
            return errors;
        }
        for (var i = 0; i < Titles.Count; i++)
        {
            errors.RequiredText($"titles[{i}]", Titles[i], 200);
        }
        return errors;
    }
}
