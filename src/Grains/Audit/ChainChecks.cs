using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// A log's chains verified one after the other (the audit log's, the access log's): entries
/// checked in all, the first broken chain's broken entry, each chain's problem and each head.
/// </summary>
public sealed record ChainChecks(long EntriesChecked, long? FirstBrokenSeq, IReadOnlyList<string> Problems, IReadOnlyList<AuditHead> Heads)
{
    public static async Task<ChainChecks> RunAsync(IEnumerable<string> chains, Func<string, Task<AuditChainCheck>> verify)
    {
        var (checkedCount, firstBroken, problems, heads) = (0L, (long?)null, new List<string>(), new List<AuditHead>());
        foreach (var chain in chains)
        {
            var check = await verify(chain);
            checkedCount += check.EntriesChecked;
            heads.Add(check.Head);
            if (check.Problem is not null)
            {
                firstBroken ??= check.FirstBrokenSeq;
                problems.Add(check.Problem);
            }
        }
        return new ChainChecks(checkedCount, firstBroken, problems, heads);
    }
}
