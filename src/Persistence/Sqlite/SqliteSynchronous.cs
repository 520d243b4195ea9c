namespace BranchArchive.Persistence.Sqlite;

/// <summary>SQLite's <c>synchronous</c> setting. FULL is the default: NORMAL can lose the last commits on power loss in WAL mode.</summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
    Extra,
}
