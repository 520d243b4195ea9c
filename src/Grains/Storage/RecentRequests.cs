using System.Security.Cryptography;
using System.Text.Json;

namespace BranchArchive.Grains.Storage;

/// <summary>
/// Outcomes of recent requests that carried an Idempotency-Key, kept in the grain's own state so
/// the key's outcome is stored in the same write as its effect (and survives a crash with it).
/// Bounded: the oldest keys are forgotten first.
/// </summary>
public sealed class RecentRequests
{
    public const int Capacity = 64;

    public List<RecentRequest> Items { get; set; } = [];

    public RecentRequest? Find(string subject, string key) =>
        Items.Find(r => r.Subject == subject && r.Key == key);

    public void Remember(RecentRequest request)
    {
        Items.Add(request);
        if (Items.Count > Capacity)
        {
            Items.RemoveRange(0, Items.Count - Capacity);
        }
    }

    /// <summary>A stable digest of a request body, to tell a true repeat from a reused key.</summary>
    public static string Fingerprint(string operation, object command) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { operation, command })));
}

/// <param name="ResultId">What the first request produced (a loan id, a cabinet code), to answer repeats.</param>
public sealed record RecentRequest(string Subject, string Key, string Operation, string Fingerprint, string? ResultId);
