namespace BranchArchive.Contracts.Staff;

/// <summary>
/// A member of staff on a branch's staff list: someone files may be lent to. <c>StaffId</c> is
/// their subject at the identity provider (the <c>sub</c> of their token), so "my loans" finds
/// them; <c>Roles</c> are written as in tokens (<c>clerk</c>, <c>manager</c>, …) and choose their
/// loan limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("staff-member")]
public sealed record StaffMember(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Branch,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] DateTimeOffset ListedAt,
    [property: Id(5)] string ListedBy);
