using BranchArchive.Contracts.Audit;

namespace BranchArchive.Persistence.Chains;

/// <summary>
/// One hash chain re-computed link by link, in order, and held against the heads that signed
/// checkpoints recorded for it: the audit log's chains and the access log's walk it alike. It
/// names the first link that does not fit (missing, re-linked, changed, or re-hashed under a
/// checkpoint) and, at the end, links a checkpoint vouches for that were cut off.
/// </summary>
public sealed class ChainWalk
{
    private readonly string _chain;
    private readonly Dictionary<long, string> _vouched;
    private string? _previous;
    private long _checked;
    private long _lastVouched;
    private AuditHead _head;
    private AuditChainCheck? _broken;

    /// <param name="chain">The chain's name, as checkpoints record it.</param>
    /// <param name="firstSeq">The position of the first link to walk.</param>
    /// <param name="linksTo">The hash that link must link back to; null when a checkpoint vouches for the link itself (taken as it is).</param>
    /// <param name="startHash">The hash to report as head while nothing has been walked, when <paramref name="linksTo"/> is null.</param>
    /// <param name="anchors">Heads that valid checkpoints recorded (any chain's: only this chain's count).</param>
    public ChainWalk(string chain, long firstSeq, string? linksTo, string? startHash, IEnumerable<AuditHead> anchors)
    {
        (_chain, Next, _previous, _lastVouched) = (chain, firstSeq, linksTo, firstSeq - 1);
        _head = new AuditHead(chain, firstSeq - 1, linksTo ?? startHash ?? "");
        _vouched = anchors.Where(head => head.Chain == chain && head.Seq >= firstSeq)
            .GroupBy(head => head.Seq).ToDictionary(group => group.Key, group => group.First().Hash);
    }

    /// <summary>The position of the link expected next.</summary>
    public long Next { get; private set; }

    /// <summary>Takes the next stored link; false when it breaks the chain (then <see cref="End"/> says how).</summary>
    /// <param name="recomputed">The hash of the link's stored content and <paramref name="linkedTo"/>, as the chain's hash function computes it.</param>
    public bool Take(long seq, string linkedTo, string hash, string recomputed)
    {
        if (seq != Next)
        {
            return Break(seq, $"Chain {_chain}, entry {seq} is broken: entry {Next} is missing.");
        }
        if (_previous is not null && linkedTo != _previous)
        {
            return Break(seq, $"Chain {_chain}, entry {seq} is broken: it does not link to the entry before it.");
        }
        if (recomputed != hash)
        {
            return Break(seq, $"Chain {_chain}, entry {seq} is broken: its content does not match its hash.");
        }
        if (_vouched.TryGetValue(seq, out var signedHash))
        {
            if (signedHash != hash)
            {
                // The chain holds together, so it was re-hashed after an edit somewhere since the last link that still matches.
                return Break(_lastVouched + 1, $"Chain {_chain}: an entry from {_lastVouched + 1} to {seq} was changed, removed or added " +
                    $"and the chain re-hashed: entry {seq} no longer has the hash a signed checkpoint recorded for it.");
            }
            _lastVouched = seq;
        }
        (Next, _previous, _checked) = (Next + 1, hash, _checked + 1);
        _head = new AuditHead(_chain, seq, hash);
        return true;
    }

    /// <summary>The verdict: the first break found, or links a checkpoint vouches for past the chain's end (cut off), or intact.</summary>
    public AuditChainCheck End()
    {
        if (_broken is not null)
        {
            return _broken;
        }
        var (lastSeq, signedEnd) = (Next - 1, _vouched.Keys.DefaultIfEmpty(0).Max());
        return signedEnd > lastSeq
            ? new AuditChainCheck(_checked, lastSeq + 1, $"Chain {_chain} ends at entry {lastSeq}, but a signed checkpoint vouches for entries up to " +
                $"{signedEnd}: entries {lastSeq + 1} to {signedEnd} were removed.", _head)
            : new AuditChainCheck(_checked, null, null, _head);
    }

    private bool Break(long seq, string problem)
    {
        _broken = new AuditChainCheck(_checked, seq, problem, _head);
        return false;
    }
}
