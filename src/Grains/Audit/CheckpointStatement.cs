using System.Globalization;
using System.Text;
using System.Text.Json;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// The text a checkpoint signs: one line of JSON naming what it is, its number, time and key id,
/// and the head of every chain of the log. A list of heads, so a log kept in many chains (one per
/// shard) is sealed by the same statement with more heads, without a new format.
/// </summary>
/// <example>
/// <c>{"kind":"branch-archive/audit-checkpoint","version":1,"number":7,"at":"2026-11-22T10:30:00.0000000Z","keyId":"3f2a…","heads":[{"chain":"main","seq":1234,"hash":"9C1E…"}]}</c>
/// </example>
public static class CheckpointStatement
{
    public const string Kind = "branch-archive/audit-checkpoint";
    public const int Version = 1;

    public static string Write(long number, DateTimeOffset at, string keyId, IReadOnlyList<AuditHead> heads)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", Kind);
            json.WriteNumber("version", Version);
            json.WriteNumber("number", number);
            json.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("keyId", keyId);
            json.WriteStartArray("heads");
            foreach (var head in heads)
            {
                json.WriteStartObject();
                json.WriteString("chain", head.Chain);
                json.WriteNumber("seq", head.Seq);
                json.WriteString("hash", head.Hash);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The checkpoint a stored row states, or null when its statement is not one (its signature is checked elsewhere).</summary>
    public static AuditCheckpoint? Read(SignedCheckpoint stored)
    {
        try
        {
            using var document = JsonDocument.Parse(stored.Statement);
            var root = document.RootElement;
            if (root.GetProperty("kind").GetString() != Kind || root.GetProperty("version").GetInt32() != Version)
            {
                return null;
            }
            var heads = root.GetProperty("heads").EnumerateArray()
                .Select(head => new AuditHead(head.GetProperty("chain").GetString()!, head.GetProperty("seq").GetInt64(), head.GetProperty("hash").GetString()!))
                .ToList();
            var at = DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return new AuditCheckpoint(root.GetProperty("number").GetInt64(), at, root.GetProperty("keyId").GetString()!, heads,
                stored.Statement, stored.Signature);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
