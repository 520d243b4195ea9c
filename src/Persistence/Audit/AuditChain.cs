using System.Globalization;
using BranchArchive.Contracts.Audit;
using BranchArchive.Persistence.Chains;

namespace BranchArchive.Persistence.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 over its place in its chain, every field, and the previous
/// entry's hash in that chain. The same for every store, so a log can be verified wherever it is kept.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// An entry of a chain per shard (<c>audit-0</c>…): the chain's name is hashed too, so an entry
    /// cannot be moved to another chain unnoticed.
    /// </summary>
    public static string Hash(string chain, long chainSeq, AuditRecord record, string previousHash) =>
        chain == AuditHead.MainChain
            ? Hash(chainSeq, record, previousHash)
            : LinkHash.Of([chain, chainSeq.ToString(CultureInfo.InvariantCulture), record.EntryId, Timestamp(record.At)], Fields(record), previousHash);

    /// <summary>An entry of <c>main</c>, the one chain the log was before it was kept in chains per shard (its hash has no chain name).</summary>
    public static string Hash(long seq, AuditRecord record, string previousHash) =>
        LinkHash.Of([seq.ToString(CultureInfo.InvariantCulture), record.EntryId, Timestamp(record.At)], Fields(record), previousHash);

    private static string?[] Fields(AuditRecord record) =>
        [record.Actor, record.Roles, record.ActorBranch, record.Action, record.FileId, record.Branch, record.Outcome, record.Detail, record.RequestId];
}
