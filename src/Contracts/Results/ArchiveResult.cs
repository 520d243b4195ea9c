namespace BranchArchive.Contracts.Results;

/// <summary>
/// A grain's answer: a value, or the reason it refused. Refusals are ordinary answers rather than
/// exceptions because conflicts are everyday events at a busy desk (two clerks, one file).
/// A refusal never comes with a state change.
/// </summary>
[GenerateSerializer, Immutable, Alias("archive-result`1")]
public sealed record ArchiveResult<T>(
    [property: Id(0)] Outcome Outcome,
    [property: Id(1)] T? Value,
    [property: Id(2)] string? Detail,
    [property: Id(3)] IReadOnlyDictionary<string, string[]>? Errors) : IArchiveOutcome
{
    public bool Succeeded => Outcome is Outcome.Ok or Outcome.Created;

    public static ArchiveResult<T> Ok(T value) => new(Outcome.Ok, value, null, null);
    public static ArchiveResult<T> Created(T value) => new(Outcome.Created, value, null, null);
    public static ArchiveResult<T> NotFound(string detail) => new(Outcome.NotFound, default, detail, null);
    public static ArchiveResult<T> Conflict(string detail) => new(Outcome.Conflict, default, detail, null);
    public static ArchiveResult<T> Forbidden(string detail) => new(Outcome.Forbidden, default, detail, null);

    public static ArchiveResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(Outcome.Invalid, default, "One or more fields are invalid.", errors);

    /// <summary>One field is wrong in a way only the grain can tell (e.g. against its clock); the detail names it.</summary>
    public static ArchiveResult<T> Invalid(string field, string message) =>
        new(Outcome.Invalid, default, $"{field} {message}", new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Carries a refusal over to a result of another type.</summary>
    public ArchiveResult<TOther> Refusal<TOther>() =>
        Succeeded
            ? throw new InvalidOperationException("Only a refusal can be carried over.")
            : new(Outcome, default, Detail, Errors);
}
