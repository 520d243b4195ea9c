using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Persistence.Audit;

namespace BranchArchive.Persistence.AccessLog;

/// <summary>
/// The hash of an access-log entry: SHA-256 over its chain, sequence number, every field
/// (length-prefixed) and the previous entry's hash in its chain. The same for every store.
/// </summary>
public static class AccessChain
{
    public static string Hash(string chain, long seq, AccessRecord record, string previousHash)
    {
        var content = new StringBuilder()
            .Append(chain).Append('\n')
            .Append(seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(AuditChain.Timestamp(record.At)).Append('\n');
        string?[] fields =
        [
            record.Subject, record.Roles, record.ActorBranch, record.Kind, record.FileId,
            record.FileNumber?.ToString(CultureInfo.InvariantCulture), record.FileBranch, record.Purpose, record.Query,
            record.Rows?.ToString(CultureInfo.InvariantCulture), record.RequestId,
        ];
        foreach (var field in fields)
        {
            // Length-prefixed, so no choice of field values can make two entries hash alike.
            content.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        content.Append(previousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }
}
