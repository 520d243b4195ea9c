using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Persistence.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 over its sequence number, every field, and the previous
/// entry's hash. The same for every store, so a log can be verified wherever it is kept.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Hash(long seq, AuditRecord record, string previousHash)
    {
        var content = new StringBuilder()
            .Append(seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(record.EntryId).Append('\n')
            .Append(Timestamp(record.At)).Append('\n');
        foreach (var field in new[] { record.Actor, record.Roles, record.ActorBranch, record.Action, record.FileId, record.Branch, record.Outcome, record.Detail, record.RequestId })
        {
            // Length-prefixed, so no choice of field values can make two entries hash alike.
            content.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        content.Append(previousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }
}
