using System.Text.Json;
using System.Text.RegularExpressions;

namespace BranchArchive.Api.Http;

/// <summary>
/// What a problem answer says about a request the framework could not read, in the client's
/// terms: field paths and parameter names, never the archive's internal .NET types.
/// </summary>
public static partial class ProblemText
{
    public static string DescribeBadRequest(BadHttpRequestException bad) =>
        bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The request body is larger than the archive accepts."
            : bad.InnerException is JsonException json
                ? DescribeJson(json)
                : WithoutTypeNames(bad.Message);

    /// <summary>E.g. "The body is not valid JSON for this request at $.importance (line 1, byte 15): the value is not of the expected type."</summary>
    private static string DescribeJson(JsonException json)
    {
        // System.Text.Json appends " Path: … | LineNumber: … | BytePositionInLine: …." to its message: said once, below.
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var what = WithoutTypeNames(cut >= 0 ? message[..cut] : message).TrimEnd('.');
        var where = json.Path is { Length: > 0 } path ? $" at {path}" : "";
        var line = json.LineNumber is { } number ? $" (line {number + 1}, byte {json.BytePositionInLine + 1})" : "";
        return $"The body is not valid JSON for this request{where}{line}: {what}.";
    }

    /// <summary>
    /// Removes .NET type names: namespaced names (<c>BranchArchive.Contracts.Files.Importance</c>,
    /// <c>System.Int32</c>) and the type the framework puts before a parameter's name
    /// (<c>parameter "int? page"</c> becomes <c>parameter "page"</c>).
    /// </summary>
    public static string WithoutTypeNames(string text) =>
        QualifiedTypeName().Replace(ParameterWithType().Replace(text, "parameter \"${name}\""), "the expected type");

    [GeneratedRegex(@"parameter ""[^""]*\s(?<name>[^""\s]+)""")]
    private static partial Regex ParameterWithType();

    [GeneratedRegex(@"\b[A-Za-z_][\w`]*(?:\.[A-Za-z_][\w`]*)+(?:\[[^\]]*\])?")]
    private static partial Regex QualifiedTypeName();
}
