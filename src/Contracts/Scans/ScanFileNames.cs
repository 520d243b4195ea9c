using System.Globalization;
using System.Text;

namespace BranchArchive.Contracts.Scans;

/// <summary>
/// The name a scan is kept and downloaded under, made from the name given at upload: invisible
/// characters taken out (bidi overrides such as U+202E turn "invoice&lt;U+202E&gt;fdp.exe" into what looks like
/// "invoiceexe.pdf"; zero-width and other format or control characters hide parts of a name), and
/// the extension replaced by the one of the type detected from the content, so a name never claims
/// another kind of file than the bytes are.
/// </summary>
public static class ScanFileNames
{
    /// <summary>The kept name, or null when nothing visible is left of <paramref name="given"/>.</summary>
    public static string? For(string? given, string mediaType)
    {
        if (given is null)
        {
            return null;
        }
        var visible = new StringBuilder(given.Length);
        foreach (var rune in given.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned))
            {
                visible.Append(rune.ToString());
            }
        }
        var name = visible.ToString().Trim().TrimEnd('.', ' ');
        var dot = name.LastIndexOf('.');
        var stem = (dot >= 0 ? name[..dot] : name).TrimEnd('.', ' ');
        return stem.Length == 0 ? null : stem + ExtensionOf(mediaType);
    }

    /// <summary>The usual extension of a scan's detected media type.</summary>
    public static string ExtensionOf(string mediaType) => mediaType switch
    {
        ScanMediaTypes.Pdf => ".pdf",
        ScanMediaTypes.Png => ".png",
        ScanMediaTypes.Jpeg => ".jpg",
        ScanMediaTypes.Tiff => ".tif",
        _ => throw new ArgumentOutOfRangeException(nameof(mediaType), mediaType, "Not a scan's media type."),
    };
}
