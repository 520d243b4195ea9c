using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>
/// When a customer relationship ended (<c>relationshipEndedOn</c>), as staff give it: a day, from
/// the paper file, at registration, in an import row or with a re-classification to
/// <c>Terminated</c>. Retention counts from it, so a customer who left in 2015 and is filed today
/// is kept from 2015, not from today. The file stores it as the start of that day, UTC.
/// </summary>
public static class RelationshipEnd
{
    public const string Field = "relationshipEndedOn";

    public static readonly DateOnly Earliest = new(FilingPeriod.FirstYear, 1, 1);

    /// <summary>What can be told from the request alone: a plausible day, given only for a customer who is (or becomes) Terminated.</summary>
    public static void Validate(ValidationErrors errors, DateOnly? endedOn, CooperationStage? stage)
    {
        if (endedOn is not { } day)
        {
            return;
        }
        if (day < Earliest)
        {
            errors.Add(Field, $"must be on or after {Earliest:yyyy-MM-dd}.");
        }
        if (stage is { } given && given != CooperationStage.Terminated)
        {
            errors.Add(Field, $"is given only with stage Terminated (the stage given is {given}).");
        }
    }

    /// <summary>The refusal of a day after today (by the silo's clock), or null.</summary>
    public static string? RefuseFuture(DateOnly? endedOn, DateTimeOffset now) =>
        endedOn is { } day && day > DateOnly.FromDateTime(now.UtcDateTime)
            ? $"must not be in the future: {day:yyyy-MM-dd} is after today, {now.UtcDateTime:yyyy-MM-dd} (UTC)."
            : null;

    /// <summary>The moment stored for the day: its start, UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
