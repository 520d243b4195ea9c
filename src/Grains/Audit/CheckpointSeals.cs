using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// Which stored checkpoints can be trusted: those whose statement is a checkpoint of their own
/// number, signed by a key the archive knows, with a signature that verifies. The others, and
/// gaps in the numbering (a deleted checkpoint), are problems to report.
/// </summary>
public static class CheckpointSeals
{
    public sealed record Findings(IReadOnlyList<AuditCheckpoint> Valid, IReadOnlyList<string> Problems);

    public static Findings Check(IReadOnlyList<SignedCheckpoint> stored, CheckpointKeys keys)
    {
        var (valid, problems) = (new List<AuditCheckpoint>(), new List<string>());
        var expected = 1L;
        foreach (var row in stored)
        {
            if (row.Number > expected)
            {
                problems.Add(row.Number == expected + 1
                    ? $"Checkpoint {expected} is missing: it was deleted."
                    : $"Checkpoints {expected} to {row.Number - 1} are missing: they were deleted.");
            }
            expected = row.Number + 1;
            if (Open(row, keys, out var checkpoint) is { } problem)
            {
                problems.Add(problem);
                continue;
            }
            valid.Add(checkpoint!);
        }
        return new Findings(valid, problems);
    }

    /// <summary>Reads and checks one stored checkpoint; answers why it cannot be trusted, or null.</summary>
    public static string? Open(SignedCheckpoint row, CheckpointKeys keys, out AuditCheckpoint? checkpoint)
    {
        checkpoint = CheckpointStatement.Read(row);
        return checkpoint switch
        {
            null => $"Checkpoint {row.Number} is not a checkpoint statement: it was forged or altered.",
            _ when checkpoint.Number != row.Number => $"Checkpoint {row.Number} holds the statement of checkpoint {checkpoint.Number}: it was forged or altered.",
            _ when !keys.Knows(checkpoint.KeyId) => $"Checkpoint {row.Number} is signed with key {checkpoint.KeyId}, which this archive does not know " +
                "(a key rotated out belongs in Audit:Checkpoints:PreviousPublicKeys).",
            _ when !keys.Verify(checkpoint.KeyId, row.Statement, row.Signature) => $"Checkpoint {row.Number}'s signature does not verify: it was forged or altered.",
            _ => null,
        };
    }
}
