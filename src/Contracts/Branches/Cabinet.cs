namespace BranchArchive.Contracts.Branches;

[GenerateSerializer, Immutable, Alias("cabinet")]
public sealed record Cabinet(
    [property: Id(0)] string Branch,
    [property: Id(1)] string Code,
    [property: Id(2)] string Name,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int Occupied,
    [property: Id(5)] string? Custodian = null,
    [property: Id(6)] IReadOnlyList<CustodianChange>? CustodianHistory = null);

/// <summary>One change of a cabinet's custodian (the person answerable for it): who, from whom, when, by whom.</summary>
[GenerateSerializer, Immutable, Alias("custodian-change")]
public sealed record CustodianChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string? From,
    [property: Id(2)] string To,
    [property: Id(3)] string By);

/// <summary>Names a cabinet's custodian. Body of <c>PUT /api/branches/{branch}/cabinets/{cabinet}/custodian</c>.</summary>
[GenerateSerializer, Immutable, Alias("assign-custodian-command")]
public sealed record AssignCustodianCommand([property: Id(0)] string? Custodian)
{
    public Validation.ValidationErrors Validate()
    {
        var errors = new Validation.ValidationErrors();
        errors.RequiredText("custodian", Custodian, 100);
        return errors;
    }
}
