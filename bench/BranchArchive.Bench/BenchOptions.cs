using System.Globalization;

namespace BranchArchive.Bench;

/// <summary>Reading the <c>--name value</c> options every command takes.</summary>
public static class BenchOptions
{
    public static int Int(this IReadOnlyDictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
