namespace BranchArchive.Persistence.Scans;

/// <summary>The <c>Scans</c> configuration section: where scanned copies are kept and how large one may be.</summary>
public sealed class ScanStoreOptions
{
    public const string Section = "Scans";

    public const long DefaultMaxBytes = 25 * 1024 * 1024;

    /// <summary>
    /// The store's directory. In production a volume every API and silo pod mounts read-write; by
    /// default <c>scans</c> next to the SQLite file, so the embedded archive needs no set-up.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The largest scan accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The default directory: <c>scans</c> beside the SQLite file.</summary>
    public static string NextTo(string sqlitePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(sqlitePath))!, "scans");
}
