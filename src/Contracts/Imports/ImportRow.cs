namespace BranchArchive.Contracts.Imports;

/// <summary>
/// One data row of an import CSV as read, before standardisation: its values in the order of
/// <see cref="ImportColumns.Names"/> (null where the CSV has no such column).
/// </summary>
/// <param name="Row">1-based number of the data row; the header is not counted.</param>
/// <param name="Malformed">Why the row could not be read as the header says (e.g. a field count that differs), or null.</param>
[GenerateSerializer, Immutable, Alias("import-row")]
public sealed record ImportRow(
    [property: Id(0)] int Row,
    [property: Id(1)] IReadOnlyList<string?> Values,
    [property: Id(2)] string? Malformed = null)
{
    public string? this[int column] => column < Values.Count ? Values[column] : null;
}
