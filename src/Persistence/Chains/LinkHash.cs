using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BranchArchive.Persistence.Chains;

/// <summary>
/// The hash of one link of a hash chain (audit log or access log): SHA-256 over the link's header
/// lines (where it sits, when), its fields length-prefixed, and the previous link's hash. The same
/// for every store, so a chain can be verified wherever it is kept.
/// </summary>
public static class LinkHash
{
    public static string Of(IEnumerable<string> header, IEnumerable<string?> fields, string previousHash)
    {
        var content = new StringBuilder();
        foreach (var line in header)
        {
            content.Append(line).Append('\n');
        }
        foreach (var field in fields)
        {
            // Length-prefixed, so no choice of field values can make two entries hash alike.
            content.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        content.Append(previousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }
}
