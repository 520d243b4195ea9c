using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.AccessLog;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Files;

public sealed partial class CustomerFileGrain
{
    private AccessRecorder? _reads;

    /// <summary>Resolved on first read, so the constructor stays what the file's changes need.</summary>
    private AccessRecorder Reads => _reads ??= ServiceProvider.GetRequiredService<AccessRecorder>();

    /// <summary>
    /// Writes an admitted read (<paramref name="answer"/> succeeded) into the access log, durably,
    /// before the answer leaves the grain: a system of record discloses nothing without its record.
    /// A refusal is audited where it is made and not recorded here: nothing was read. A read through
    /// an access grant carries the grant's id and reason as its purpose.
    /// </summary>
    private async Task<ArchiveResult<T>> Recorded<T>(Actor actor, string kind, ArchiveResult<T> answer)
    {
        if (answer.Succeeded)
        {
            await RecordReadAsync(actor, kind);
        }
        return answer;
    }

    /// <summary>Writes a read of the file into the access log, durably; a read through an access grant is bound to the grant's purpose.</summary>
    private async Task RecordReadAsync(Actor actor, string kind)
    {
        if (AccessGrants.GrantUsed(File, actor, _clock.GetUtcNow()) is { } grant)
        {
            actor = actor with { Purpose = AccessGrants.PurposeOf(grant, actor.Purpose) };
        }
        await Reads.RecordAsync(actor, kind, Id, File.FileNumber, File.Branch);
    }
}
