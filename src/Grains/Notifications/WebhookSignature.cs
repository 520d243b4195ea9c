using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// How a webhook is signed (docs/notifications.md, "Verifying a webhook"): HMAC-SHA256, keyed with
/// the subscription's secret (its UTF-8 bytes, as shown), over the timestamp header's value, a dot,
/// and the exact body bytes; sent as <c>v1=</c> and the lower-case hex digest.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "X-Archive-Notice-Id";
    public const string TypeHeader = "X-Archive-Notice-Type";
    public const string VersionHeader = "X-Archive-Notice-Version";
    public const string TimestampHeader = "X-Archive-Timestamp";
    public const string SignatureHeader = "X-Archive-Signature";
    public const string Scheme = "v1=";

    /// <summary>The timestamp header's value: Unix seconds.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
