using System.Globalization;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>How a re-classification changes a file: which classes move, and what follows from them.</summary>
internal static class ClassificationRules
{
    /// <summary>The classes the command would change, each from its present value; empty when it names only present ones.</summary>
    public static List<ClassChange> ChangesOf(CustomerFileState file, ReclassifyCommand command)
    {
        var changes = new List<ClassChange>();
        void Compare<T>(string field, T current, T? wanted) where T : struct
        {
            if (wanted is { } value && !EqualityComparer<T>.Default.Equals(current, value))
            {
                changes.Add(new ClassChange(field, current.ToString(), value.ToString()));
            }
        }
        Compare("importance", file.Importance, command.Importance);
        if (command.CustomerType is { } type && file.Customer.Type != type)
        {
            changes.Add(new ClassChange("customerType", file.Customer.Type?.ToString(), type.ToString()));
        }
        if (command.Industry?.Trim() is { } industry && file.Customer.Industry != industry)
        {
            changes.Add(new ClassChange("industry", file.Customer.Industry, industry));
        }
        if (command.Stage is { } wantedStage && file.Stage != wantedStage)
        {
            changes.Add(new ClassChange("stage", file.Stage?.ToString(), wantedStage.ToString()));
        }
        if (command.RelationshipEndedOn is { } endedOn && file.RelationshipEndedAt != RelationshipEnd.StartOf(endedOn))
        {
            changes.Add(new ClassChange(RelationshipEnd.Field, file.RelationshipEndedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                endedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        Compare("relationship", file.Relationship, command.Relationship);
        Compare("sensitivity", file.Sensitivity, command.Sensitivity);
        if (command.Year is { } year && command.Quarter is { } quarter && (file.FilingYear != year || file.FilingQuarter != quarter))
        {
            changes.Add(new ClassChange("period", Period(file.FilingYear, file.FilingQuarter), Period(year, quarter)));
        }
        return changes;
    }

    /// <summary>
    /// Why the command can't apply to the file as it is (a 409), or null. An end of relationship is
    /// recorded only for a customer who is, or becomes, Terminated.
    /// </summary>
    public static string? Refuse(CustomerFileState file, ReclassifyCommand command) =>
        command.RelationshipEndedOn is not null && command.Stage is null && file.Stage != CooperationStage.Terminated
            ? $"File {file.FileNumber}'s customer is {file.Stage?.ToString() ?? "not classified by stage"}; an end of relationship is recorded with stage Terminated."
            : null;

    /// <summary>Applies the command; the folder's colour label follows the importance, retention the stage and the end of the relationship.</summary>
    public static void Apply(CustomerFileState file, ReclassifyCommand command, DateTimeOffset now)
    {
        file.Importance = command.Importance ?? file.Importance;
        file.Customer = file.Customer with
        {
            Type = command.CustomerType ?? file.Customer.Type,
            Industry = command.Industry?.Trim() ?? file.Customer.Industry,
        };
        var endedAt = command.RelationshipEndedOn is { } endedOn ? RelationshipEnd.StartOf(endedOn) : (DateTimeOffset?)null;
        if (command.Stage is { } stage && stage != file.Stage)
        {
            file.Stage = stage;
            file.RelationshipEndedAt = stage == CooperationStage.Terminated ? endedAt ?? now : null;
        }
        else if (endedAt is not null && file.Stage == CooperationStage.Terminated)
        {
            file.RelationshipEndedAt = endedAt; // a correction: the customer left earlier (or later) than first recorded
        }
        file.Relationship = command.Relationship ?? file.Relationship;
        file.Sensitivity = command.Sensitivity ?? file.Sensitivity;
        if (command.Year is { } year && command.Quarter is { } quarter)
        {
            (file.FilingYear, file.FilingQuarter) = (year, quarter);
        }
    }

    /// <summary>
    /// The changes as the audit log and the logs write them. The industry describes the customer,
    /// and those records outlive a destruction, so only its change is named, not its values (the
    /// file's own history keeps them until it is destroyed).
    /// </summary>
    public static string Describe(IEnumerable<ClassChange> changes) =>
        string.Join("; ", changes.Select(c => c.Field == "industry" ? "industry changed" : $"{c.Field} {c.From ?? "(none)"} → {c.To}"));

    private static string? Period(int? year, int? quarter) => year is null ? null : $"{year}-Q{quarter}";
}
