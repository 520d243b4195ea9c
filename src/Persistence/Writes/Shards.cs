namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Which of a few shards (hash chains of the audit log or the access log, and the groups of
/// writes that append to them) a key belongs to. A file's key always lands in the same shard, so
/// its entries stay in one chain, in order; different files spread over the shards, so appenders
/// of different shards never wait for each other.
/// </summary>
public static class Shards
{
    /// <summary>FNV-1a over the key's characters: stable across processes and runs, unlike string.GetHashCode.</summary>
    public static int Of(string key, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)count);
    }
}
