using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Files the archive never lends, whatever the registering clerk said (configuration section
/// <c>Circulation:NeverLent</c>): those holding documents of one of <see cref="DocumentTypes"/> or
/// carrying one of <see cref="Tags"/>. Per the archive's practice accounting files are never lent
/// (会计档案一律不准外借), so both default to accounting. They may still be read on site.
/// A list configured replaces its default; an empty list (only settable in code) matches nothing.
/// </summary>
public sealed class NeverLentOptions
{
    /// <summary>Document types that make a file never lent; unset: <see cref="DefaultDocumentTypes"/>.</summary>
    public List<DocumentType>? DocumentTypes { get; set; }

    /// <summary>Tags (compared trimmed, ignoring case) that make a file never lent; unset: <see cref="DefaultTags"/>.</summary>
    public List<string>? Tags { get; set; }

    public static readonly IReadOnlyList<DocumentType> DefaultDocumentTypes = [DocumentType.Accounting];

    public static readonly IReadOnlyList<string> DefaultTags = ["accounting", "会计", "会计档案", "会计资料"];

    public IReadOnlyList<DocumentType> EffectiveDocumentTypes => DocumentTypes ?? DefaultDocumentTypes;

    public IReadOnlyList<string> EffectiveTags => Tags ?? DefaultTags;
}
