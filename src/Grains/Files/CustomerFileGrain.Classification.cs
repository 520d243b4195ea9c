using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>Re-classification: customers move between classes, and the file keeps the history.</summary>
public sealed partial class CustomerFileGrain
{
    public async Task<ArchiveResult<CustomerFile>> Reclassify(ReclassifyCommand command, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists)
        {
            return NotFound<CustomerFile>();
        }
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<CustomerFile>.Invalid(errors.ToDictionary());
        }
        if (!actor.CanAct(Permissions.ClassifyFiles, File.Branch))
        {
            return await _audit.Deny<CustomerFile>(_clock, actor, AuditActions.Reclassify, Id, File.Branch,
                $"Only a manager of branch {File.Branch} or head office may re-classify file {File.FileNumber}.");
        }
        if (File.Status == FileStatus.Destroyed)
        {
            return ArchiveResult<CustomerFile>.Conflict($"File {File.FileNumber} was destroyed; it keeps its last classes.");
        }
        var changes = ClassificationRules.ChangesOf(File, command);
        if (changes.Count == 0)
        {
            return ArchiveResult<CustomerFile>.Ok(File.ToView(Id, actor, _clock.GetUtcNow())); // already so: a repeat changes nothing
        }

        var now = _clock.GetUtcNow();
        ClassificationRules.Apply(File, command, now);
        File.ClassificationHistory.Add(new ClassificationChange(now, actor.Subject, command.Reason!.Trim(), changes));
        if (File.ClassificationHistory.Count > CustomerFileState.ClassificationHistoryCapacity)
        {
            File.ClassificationHistory.RemoveAt(0);
        }
        File.Version++;
        File.UpdatedAt = now;
        var described = ClassificationRules.Describe(changes);
        await _file.SaveAsync(Record(actor, AuditActions.Reclassify, Outcome.Ok, $"File {File.FileNumber}: {described}. Reason: {command.Reason.Trim()}"));
        LogReclassified(Id, described);
        return ArchiveResult<CustomerFile>.Ok(File.ToView(Id, actor, now));
    }

    public async Task<ArchiveResult<IReadOnlyList<ClassificationChange>>> GetClassificationHistory(Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists)
        {
            return NotFound<IReadOnlyList<ClassificationChange>>();
        }
        if (!Sees(actor))
        {
            return await _audit.Deny<IReadOnlyList<ClassificationChange>>(_clock, actor, AuditActions.ReadFile, Id, File.Branch,
                $"File {Id} belongs to branch {File.Branch}.");
        }
        return ArchiveResult<IReadOnlyList<ClassificationChange>>.Ok(File.ClassificationHistory.AsEnumerable().Reverse().ToList());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} re-classified: {Changes}")]
    private partial void LogReclassified(string fileId, string changes);
}
