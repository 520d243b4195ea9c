using System.Collections.Concurrent;

namespace BranchArchive.Grains.Storage;

/// <summary>
/// One shared copy of strings that repeat across many grains' states (branch and cabinet codes,
/// staff names, regions, tags), so thousands of active grains do not each hold their own. Bounded:
/// once full it hands values back as they are, so open-ended input cannot grow it without limit.
/// </summary>
public static class SharedStrings
{
    public const int Capacity = 100_000;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string? Get(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }
        return Pool.Count < Capacity ? Pool.GetOrAdd(value, value) : value;
    }
}
