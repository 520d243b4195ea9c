using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Results;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Inspections: the cabinet's inspection grain locks every file on its roster while numbers are
/// scanned, then ends the lock with its finding. The lock lives in the file's own state, so the
/// check-out path needs no extra call, and the file never calls the inspection grain. Which changes
/// the lock holds is the admission's (<see cref="WhileInspected"/>).
/// </summary>
public sealed partial class CustomerFileGrain
{
    public async Task<InspectedFile?> BeginInspection(string inspectionId, string branch, string cabinet, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists || File.Branch != branch || File.Cabinet != cabinet)
        {
            return null; // never registered, or moved since the roster was read
        }
        if (File.Inspection is { } held && held.InspectionId == inspectionId)
        {
            return new InspectedFile(Id, File.FileNumber, held.StatusAtStart);
        }
        var now = _clock.GetUtcNow();
        File.Inspection = new InspectionLock(inspectionId, now, File.Status);
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.LockForInspection, Outcome.Ok,
            $"Locked for inspection {inspectionId} of {branch}/{cabinet}; {File.Status}."));
        return new InspectedFile(Id, File.FileNumber, File.Status);
    }

    public async Task EndInspection(string inspectionId, InspectionFinding finding, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists || File.Inspection?.InspectionId != inspectionId)
        {
            return; // ended before (a repeat after a crash), or never locked by this inspection
        }
        var before = File.Status;
        File.Inspection = null;
        (var action, File.Status, var detail) = (finding, before) switch
        {
            (InspectionFinding.Missing, FileStatus.OnShelf or FileStatus.Damaged) =>
                (AuditActions.MarkMissing, FileStatus.Missing, $"Not found by inspection {inspectionId}; was {before}, now Missing."),
            (InspectionFinding.Found, FileStatus.Missing) =>
                (AuditActions.FoundAgain, FileStatus.OnShelf, $"Found again by inspection {inspectionId}; back on the shelf."),
            _ => (AuditActions.UnlockAfterInspection, before, $"Inspection {inspectionId} ended: {finding}."),
        };
        Touch(_clock.GetUtcNow());
        await _file.SaveAsync(Record(actor, action, Outcome.Ok, detail));
        await TryPostNoticesAsync(); // released, it may now wait to be sent for a request
        if (File.Status != before)
        {
            LogInspectionFinding(Id, File.FileNumber, before, File.Status, inspectionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} (number {FileNumber}) went from {Before} to {After} by inspection {InspectionId}")]
    private partial void LogInspectionFinding(string fileId, long fileNumber, FileStatus before, FileStatus after, string inspectionId);
}
