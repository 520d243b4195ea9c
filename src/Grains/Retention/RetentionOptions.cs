using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Retention;

/// <summary>
/// How long files are kept (configuration section <c>Retention</c>). Each rule keeps a file of a
/// stage for some years — counted from the end of the relationship for terminated customers,
/// from registration for potential customers who never signed — optionally only when the file
/// holds documents of one information type. A file is kept as long as its longest matching rule
/// says. Files of signed or stable customers are never due.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The rules; when none are configured, <see cref="Defaults"/> apply.</summary>
    public List<RetentionRule> Rules { get; set; } = [];

    public static readonly IReadOnlyList<RetentionRule> Defaults =
    [
        new() { Stage = CooperationStage.Terminated, Years = 5 },
        new() { Stage = CooperationStage.Terminated, DocumentType = DocumentType.Cooperation, Years = 10 },
        new() { Stage = CooperationStage.Terminated, DocumentType = DocumentType.Credit, Years = 10 },
        new() { Stage = CooperationStage.Potential, Years = 3 },
    ];

    public IReadOnlyList<RetentionRule> EffectiveRules => Rules.Count > 0 ? Rules : Defaults;
}

/// <summary>One retention rule: files of <see cref="Stage"/> (holding <see cref="DocumentType"/>, if set) are kept <see cref="Years"/> years.</summary>
public sealed class RetentionRule
{
    public CooperationStage Stage { get; set; }
    public DocumentType? DocumentType { get; set; }
    public int Years { get; set; }
}
