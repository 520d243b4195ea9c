namespace BranchArchive.Persistence;

/// <summary>The schema scripts embedded in this assembly, one folder per database, in name order.</summary>
internal static class SchemaScripts
{
    public static IEnumerable<string> Read(string folder)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }
}
