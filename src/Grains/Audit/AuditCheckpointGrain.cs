using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// Writes the audit log's signed checkpoints, one at a time for the cluster: at start, every
/// period (a grain timer on the silos' clock, as the sweepers run) and on demand. A checkpoint
/// seals the head of every chain of the audit log (main and one per shard) and of the access log,
/// each verified from the previous checkpoint's head for it on; if any chain does not verify, none
/// is written.
/// </summary>
public sealed partial class AuditCheckpointGrain(
    IAuditLog log, IAccessLog accessLog, CheckpointKeys keys, IOptions<AuditCheckpointOptions> options, TimeProvider clock,
    AuditCheckpointMetrics metrics, ILogger<AuditCheckpointGrain> logger)
    : Grain, IAuditCheckpointGrain
{
    private IGrainTimer? _timer;

    /// <summary>
    /// The last checkpoint this activation wrote. The next one is written only on top of it: if it
    /// is gone (deleted with the entries it covered), writing on would seal the cut log.
    /// </summary>
    private SignedCheckpoint? _lastWritten;

    public Task Start()
    {
        // The first tick comes at once: a checkpoint at start seals what the log holds (on an
        // archive upgraded to checkpoints, the whole chain is read once), so it must not hold up
        // the silo's start, which waits for this answer.
        _timer ??= this.RegisterGrainTimer(async _ => await Seal(),
            new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.Period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<AuditCheckpoint?> Seal()
    {
        try
        {
            return (await TryWrite()).Checkpoint;
        }
        catch (Exception)
        {
            return null; // logged and counted in TryWrite; the next period tries again
        }
    }

    public async Task<ArchiveResult<AuditCheckpoint>> Write(Actor actor)
    {
        if (!actor.Has(Permissions.ReadAllAudit))
        {
            return await log.Deny<AuditCheckpoint>(clock, actor, AuditActions.WriteCheckpoint, null, actor.Branch,
                "Only head office and auditors have audit checkpoints written.");
        }
        var (checkpoint, refusal) = await TryWrite();
        if (checkpoint is null)
        {
            await log.AppendAsync([AuditRecords.Of(actor, AuditActions.WriteCheckpoint, null, null, Outcome.Conflict, refusal, clock)]);
            return ArchiveResult<AuditCheckpoint>.Conflict(refusal!);
        }
        await log.AppendAsync([AuditRecords.Of(actor, AuditActions.WriteCheckpoint, null, null, Outcome.Ok,
            $"Checkpoint {checkpoint.Number} over {Describe(checkpoint.Heads)}.", clock)]);
        return ArchiveResult<AuditCheckpoint>.Ok(checkpoint);
    }

    /// <summary>Writes the next checkpoint, or answers why none may be written; throws when the database fails.</summary>
    private async Task<(AuditCheckpoint? Checkpoint, string? Refusal)> TryWrite()
    {
        try
        {
            var latest = (await log.CheckpointsAsync(latestOnly: true)).SingleOrDefault();
            AuditCheckpoint? previous = null;
            if (latest is not null && CheckpointSeals.Open(latest, keys, out previous) is { } forged)
            {
                return Refuse($"{forged} No checkpoint is written on top of it.");
            }
            if (_lastWritten is { } mine && (latest is null || latest.Number < mine.Number
                || (latest.Number == mine.Number && latest.Signature != mine.Signature)))
            {
                return Refuse($"Checkpoint {mine.Number}, written earlier by this archive, is no longer stored: it was deleted.");
            }
            // Every chain of both logs must verify; only the entries since the previous checkpoint are
            // read (it vouches for the rest; a chain it does not name is read from its start).
            var heads = new List<AuditHead>();
            foreach (var (name, chains, verify) in new[] { ("audit log", log.Chains, (Verify)log.VerifyAsync), ("access log", accessLog.Chains, accessLog.VerifyAsync) })
            {
                foreach (var chain in chains)
                {
                    var since = previous?.Heads.SingleOrDefault(head => head.Chain == chain);
                    var check = await Task.Run(() => verify(chain, since, [], CancellationToken.None));
                    if (check.Problem is not null)
                    {
                        return Refuse($"The {name} does not verify from checkpoint {previous?.Number ?? 0} on: {check.Problem}");
                    }
                    heads.Add(check.Head);
                }
            }
            var number = (latest?.Number ?? 0) + 1;
            var statement = CheckpointStatement.Write(number, clock.GetUtcNow(), keys.SigningKeyId, heads);
            var signed = new SignedCheckpoint(number, statement, keys.Sign(statement));
            if (!await log.AppendCheckpointAsync(signed))
            {
                return Refuse($"Checkpoint {number} was stored by another writer meanwhile.");
            }
            _lastWritten = signed;
            metrics.Written();
            LogWritten(number, Describe(heads), keys.SigningKeyId);
            return (CheckpointStatement.Read(signed), null);
        }
        catch (Exception exception)
        {
            metrics.Failed();
            LogFailed(exception);
            throw;
        }
    }

    private (AuditCheckpoint?, string?) Refuse(string reason)
    {
        metrics.Refused();
        LogRefused(reason);
        return (null, reason);
    }

    private delegate Task<AuditChainCheck> Verify(string chain, AuditHead? from, IReadOnlyCollection<AuditHead> anchors, CancellationToken cancellationToken);

    /// <summary>Each chain's head as "chain entry": the hashes are in the checkpoint itself.</summary>
    private static string Describe(IEnumerable<AuditHead> heads) => string.Join(", ", heads.Select(head => $"{head.Chain} {head.Seq}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint {Number} written over the heads {Heads}, signed with key {KeyId}")]
    private partial void LogWritten(long number, string heads, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "No audit checkpoint was written: {Reason} Verify the audit log (GET /api/audit/verify) and compare it with the last head noted outside the archive.")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing an audit checkpoint failed; the next period tries again")]
    private partial void LogFailed(Exception exception);
}
