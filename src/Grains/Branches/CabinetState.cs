namespace BranchArchive.Grains.Branches;

public sealed class CabinetState
{
    public string Branch { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Capacity { get; set; }

    /// <summary>Ids of the files shelved here: the cabinet's roster.</summary>
    public HashSet<string> Files { get; set; } = new(StringComparer.Ordinal);
}
