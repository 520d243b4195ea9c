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
        if ((await Admit<CustomerFile>(actor, new(AuditActions.Reclassify, Cares(Permissions.ClassifyFiles), WhileInspected.Allowed) { Errors = command.Validate() }))
            .Refusal is { } refusal)
        {
            return refusal;
        }
        if (RelationshipEnd.RefuseFuture(command.RelationshipEndedOn, _clock.GetUtcNow()) is { } future)
        {
            return ArchiveResult<CustomerFile>.Invalid(RelationshipEnd.Field, future);
        }
        if (ClassificationRules.Refuse(File, command) is { } conflict)
        {
            return ArchiveResult<CustomerFile>.Conflict(conflict);
        }
        var changes = ClassificationRules.ChangesOf(File, command);
        if (changes.Count == 0)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow())); // already so: a repeat changes nothing
        }

        var now = _clock.GetUtcNow();
        ClassificationRules.Apply(File, command, now);
        File.ClassificationHistory.Add(new ClassificationChange(now, actor.Subject, command.Reason!.Trim(), changes));
        if (File.ClassificationHistory.Count > CustomerFileState.ClassificationHistoryCapacity)
        {
            File.ClassificationHistory.RemoveAt(0);
        }
        var described = ClassificationRules.Describe(changes);
        var answer = await SaveChangeAsync(actor, AuditActions.Reclassify, $"File {File.FileNumber}: {described}. Reason: {command.Reason.Trim()}", now);
        LogReclassified(Id, described);
        return answer;
    }

    public Task<ArchiveResult<IReadOnlyList<ClassificationChange>>> GetClassificationHistory(Actor actor) =>
        ReadAsync<IReadOnlyList<ClassificationChange>>(actor, Contracts.AccessLog.AccessKinds.ClassificationHistory, () => File.ClassificationHistory.AsEnumerable().Reverse().ToList());

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} re-classified: {Changes}")]
    private partial void LogReclassified(string fileId, string changes);
}
