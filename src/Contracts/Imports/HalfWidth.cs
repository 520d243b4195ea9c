using System.Text;

namespace BranchArchive.Contracts.Imports;

/// <summary>
/// NFKC, and explicitly the part of it imports need most: the archive runs with invariant
/// globalization (no ICU), where <see cref="string.Normalize(NormalizationForm)"/> leaves
/// full-width forms as they are. Full-width ASCII (Ａ１，（) and the ideographic space become half-width.
/// </summary>
public static class HalfWidth
{
    public static string Fold(string value)
    {
        var text = value.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            folded.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }
        return folded.ToString();
    }
}
