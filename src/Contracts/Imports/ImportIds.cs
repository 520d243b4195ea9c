using System.Security.Cryptography;
using System.Text;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Imports;

/// <summary>
/// Ids derived from content, so that sending the same CSV again lands on the same job, and a
/// row done twice (a resumed batch) lands on the same file grain, which answers its first outcome.
/// </summary>
public static class ImportIds
{
    public static string Digest(ReadOnlySpan<byte> csv) => Convert.ToHexString(SHA256.HashData(csv)).ToLowerInvariant();

    public static string Job(string subject, string? branch, string digest) =>
        FileIds.FromIdempotencyKey(subject, $"import\n{branch}\n{digest}");

    public static string File(string jobId, int row) => FileIds.FromIdempotencyKey($"import/{jobId}", row.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
