using System.Text.RegularExpressions;
using BranchArchive.WebApp.Api;
using Microsoft.Extensions.Localization;

namespace BranchArchive.WebApp.Shared;

/// <summary>
/// Puts the API's problems into the user's language. The title follows from the status; field
/// messages the API words in a fixed way (see Contracts/Validation) are translated; any other
/// detail (who holds the file, which branch it belongs to) is shown as the API wrote it.
/// </summary>
public sealed partial class ProblemText(IStringLocalizer<ProblemText> text)
{
    public string Title(ApiProblem problem) => problem.Status switch
    {
        400 => text["The request is invalid."],
        403 => text["You may not do this."],
        404 => text["Not found."],
        409 => text["This conflicts with the file's current state."],
        413 => text["The request is too large."],
        429 => text["Too many changes at once: wait a moment and try again."],
        >= 500 => text["The archive is unavailable: try again."],
        _ => text["The request failed."],
    };

    /// <summary>The field's messages, translated where the app knows them.</summary>
    public string? ForField(ApiProblem? problem, string field) =>
        problem?.ErrorFor(field) is { } message ? Translate(message) : null;

    public string Translate(string message)
    {
        return string.Join(" ", Sentences().Split(message).Where(s => s.Length > 0).Select(TranslateOne));
    }

    private string TranslateOne(string sentence)
    {
        if (text[sentence] is { ResourceNotFound: false } known)
        {
            return known;
        }
        if (AtMost().Match(sentence) is { Success: true } atMost)
        {
            return text["must be at most {0} characters.", atMost.Groups[1].Value];
        }
        if (Between().Match(sentence) is { Success: true } between)
        {
            return text["must be between {0} and {1}.", between.Groups[1].Value, between.Groups[2].Value];
        }
        return sentence;
    }

    [GeneratedRegex(@"(?<=\.)\s+")]
    private static partial Regex Sentences();

    [GeneratedRegex(@"^must be at most (\d+) characters\.$")]
    private static partial Regex AtMost();

    [GeneratedRegex(@"^must be between (-?\d+) and (-?\d+)\.$")]
    private static partial Regex Between();
}
