namespace BranchArchive.Grains.Inventory;

/// <summary>
/// When the catalogue sweeper compares every stored file with its line (configuration section
/// <c>Catalogue</c>). A sweep reads every file's state: ~10–20 s of one core at a million files on
/// SQLite. Lines fall behind only when a process dies between two writes, and a silo that died
/// sweeps when it starts again; the periodic sweep covers a silo that never comes back.
/// </summary>
public sealed class CatalogueSweepOptions
{
    public const string Section = "Catalogue";

    public TimeSpan FirstSweepAfter { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromHours(1);
}
