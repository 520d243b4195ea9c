using System.Security.Cryptography;
using System.Text;

namespace BranchArchive.Contracts.Files;

/// <summary>
/// File ids are GUIDs. A registration sent with an Idempotency-Key gets an id derived from the
/// caller and the key, so a repeat (even after a crash) lands on the same file grain, which
/// already holds the outcome: exactly one file, with no separate key store to keep in step.
/// </summary>
public static class FileIds
{
    public static string New() => Guid.NewGuid().ToString("D");

    public static string FromIdempotencyKey(string subject, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"register-file\n{subject}\n{idempotencyKey}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8: a name-based id of our own making
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes).ToString("D");
    }

    public static bool IsValid(string? id) =>
        id is { Length: 36 } && Guid.TryParseExact(id, "D", out _) && id == id.ToLowerInvariant();
}
