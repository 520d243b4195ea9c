using System.Globalization;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Chains;

namespace BranchArchive.Persistence.AccessLog;

/// <summary>
/// The hash of an access-log entry: SHA-256 over its chain, sequence number, every field
/// (length-prefixed) and the previous entry's hash in its chain. The same for every store.
/// </summary>
public static class AccessChain
{
    public static string Hash(string chain, long seq, AccessRecord record, string previousHash) => LinkHash.Of(
        [chain, seq.ToString(CultureInfo.InvariantCulture), AuditChain.Timestamp(record.At)],
        [
            record.Subject, record.Roles, record.ActorBranch, record.Kind, record.FileId,
            record.FileNumber?.ToString(CultureInfo.InvariantCulture), record.FileBranch, record.Purpose, record.Query,
            record.Rows?.ToString(CultureInfo.InvariantCulture), record.RequestId,
        ],
        previousHash);
}
