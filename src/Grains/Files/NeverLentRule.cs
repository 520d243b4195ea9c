using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Whether a file may ever leave its branch on loan. Computed at every check and in every view from
/// the stored flag and the rule as configured now, so the rule holds however the file got its
/// documents and tags (registration, import) and for files stored before the rule existed.
/// </summary>
public static class NeverLentRule
{
    /// <summary>What about the file makes it never lent by rule (e.g. "holds Accounting documents"), or null when nothing does.</summary>
    public static string? Cause(CustomerFileState file, NeverLentOptions rule) => Cause(file.Documents, file.Tags, rule);

    /// <inheritdoc cref="Cause(CustomerFileState, NeverLentOptions)"/>
    public static string? Cause(IEnumerable<FileDocument?> documents, IEnumerable<string?> tags, NeverLentOptions rule)
    {
        var types = rule.EffectiveDocumentTypes;
        if (documents.FirstOrDefault(d => d?.Type is { } type && types.Contains(type)) is { Type: { } held })
        {
            return $"holds {held} documents";
        }
        var neverLentTags = rule.EffectiveTags.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        var tag = tags.FirstOrDefault(t => t is not null && neverLentTags.Contains(t.Trim(), StringComparer.OrdinalIgnoreCase));
        return tag is null ? null : $"is tagged \"{tag.Trim()}\"";
    }

    /// <summary>The file's lendable flag as it holds now: what was stored, unless the rule says never.</summary>
    public static bool IsLendable(CustomerFileState file, NeverLentOptions rule) => file.Lendable && Cause(file, rule) is null;

    /// <summary>
    /// Why the file can't be lent (a 409's detail), or null when it may be. <paramref name="naming"/>:
    /// name the documents or tag that make it so; false for callers not shown them (another branch asking for it).
    /// </summary>
    public static string? Refusal(CustomerFileState file, NeverLentOptions rule, bool naming = true) =>
        Cause(file, rule) is { } cause
            ? $"File {file.FileNumber} {(naming ? cause + ":" : "is,")} by the archive's rule (Circulation:NeverLent), never lent; read it on site in branch {file.Branch}."
            : file.Lendable ? null
            : $"File {file.FileNumber} is never lent out; it may only be read on site in branch {file.Branch}.";
}
