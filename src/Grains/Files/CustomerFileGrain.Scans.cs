using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Scans;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Scanned copies of the file's documents. The bytes are in the scan store (the API puts them
/// there between <see cref="MayAttachScan"/> and <see cref="AttachScan"/>); the file keeps which
/// content belongs to which document and answers who may attach and download it.
/// </summary>
public sealed partial class CustomerFileGrain
{
    /// <summary>Bounds the file's state: a file has a few dozen documents, each scanned once or a few times.</summary>
    public const int ScanCapacity = 200;

    public async Task<ArchiveResult<FileDocument>> MayAttachScan(int documentIndex, Actor actor) =>
        await RefuseAttach<FileDocument>(documentIndex, new ValidationErrors(), actor) ?? ArchiveResult<FileDocument>.Ok(File.Documents[documentIndex]);

    public async Task<ArchiveResult<ScannedCopy>> AttachScan(AttachScanCommand command, Actor actor)
    {
        if (await RefuseAttach<ScannedCopy>(command.DocumentIndex, command.Validate(), actor) is { } refusal)
        {
            return refusal;
        }
        if (File.Scans.Find(s => s.DocumentIndex == command.DocumentIndex && s.Digest == command.Digest) is { } earlier)
        {
            return ArchiveResult<ScannedCopy>.Ok(ForViewer(earlier, actor)); // the same content again: one record
        }
        // Claimed before it is looked for: once claimed, no other file's destruction erases it.
        var content = GrainFactory.GetGrain<IScanContentGrain>(command.Digest);
        await content.Claim(Id);
        if (!ScanStore.Contains(command.Digest))
        {
            // Only content that is durably in the store is ever referred to (the API puts it there first).
            await content.Release(Id);
            return ArchiveResult<ScannedCopy>.Conflict($"No content is stored under {command.Digest}; upload the scan itself.");
        }

        var now = _clock.GetUtcNow();
        var scan = new ScannedCopy(command.DocumentIndex, command.Digest, command.Size, command.MediaType,
            ScanFileNames.For(command.OriginalName, command.MediaType), actor.Subject, now);
        File.Scans.Add(scan);
        Touch(now);
        try
        {
            await _file.SaveAsync(Record(actor, AuditActions.AttachScan, Outcome.Created,
                $"Scan {scan.Digest} ({scan.MediaType}, {scan.Size} bytes) attached to document {scan.DocumentIndex}."));
        }
        catch
        {
            // Not stored: the claim must not keep the content from erasure (best effort; the save's error is what the caller sees).
            await content.Release(Id).ContinueWith(_ => { }, TaskScheduler.Current);
            throw;
        }
        LogScanAttached(Id, scan.DocumentIndex, scan.Digest, scan.Size);
        return ArchiveResult<ScannedCopy>.Created(scan);
    }

    public Task<ArchiveResult<IReadOnlyList<ScannedCopy>>> GetScans(Actor actor) =>
        ReadAsync<IReadOnlyList<ScannedCopy>>(actor, Contracts.AccessLog.AccessKinds.Scans, () => File.Scans.Select(scan => ForViewer(scan, ReaderOf(actor))).ToList());

    public async Task<ArchiveResult<ScannedCopy>> AuthorizeScanDownload(string digest, Actor actor)
    {
        if (await AdmitRead<ScannedCopy>(actor, AuditActions.DownloadScan) is { } refusal)
        {
            return refusal;
        }
        if (File.Scans.Find(s => s.Digest == digest) is not { } scan)
        {
            return ArchiveResult<ScannedCopy>.NotFound($"File {File.FileNumber} has no scan {digest}.");
        }
        if (!MayDownload(scan, ReaderOf(actor)))
        {
            return await _audit.Deny<ScannedCopy>(_clock, actor, AuditActions.DownloadScan, Id, File.Branch,
                $"Scan {digest} of file {File.FileNumber} ({File.Sensitivity}) shows what your role is not shown of this customer.");
        }
        if (!ScanStore.Contains(digest))
        {
            LogScanContentMissing(Id, digest);
            return ArchiveResult<ScannedCopy>.NotFound($"The content of scan {digest} is missing from the scan store.");
        }
        if (CopyRules.DownloadNeedsRequest(File, scan.DocumentIndex, _circulation.NeverLent))
        {
            // A copy of accounting or Restricted documents: under an approved copy request, recorded with it
            // (register and audit log), then in the access log, before a byte leaves.
            if (await UseCopyForDownloadAsync<ScannedCopy>(scan, actor) is { } copyRefusal)
            {
                return copyRefusal;
            }
            await RecordReadAsync(actor, Contracts.AccessLog.AccessKinds.ScanDownload);
            return ArchiveResult<ScannedCopy>.Ok(scan);
        }
        // In both logs before a byte leaves the archive.
        await RecordReadAsync(actor, Contracts.AccessLog.AccessKinds.ScanDownload);
        await _audit.AppendAsync([Record(actor, AuditActions.DownloadScan, Outcome.Ok,
            $"Scan {digest} of document {scan.DocumentIndex} downloaded ({scan.Size} bytes).")]);
        LogScanDownloaded(Id, digest, actor.Subject);
        return ArchiveResult<ScannedCopy>.Ok(scan);
    }

    /// <summary>The refusal of an attach (404 no such file or document, 400, 403 audited, 409 destroyed or full), or null.</summary>
    private async Task<ArchiveResult<T>?> RefuseAttach<T>(int documentIndex, ValidationErrors errors, Actor actor)
    {
        // A scan is made of the paper before it is attached: attaching it leaves the paper where it is.
        if ((await Admit<T>(actor, new(AuditActions.AttachScan, Cares(Permissions.AttachScans), WhileInspected.Allowed) { Errors = errors })).Refusal is { } refusal)
        {
            return refusal;
        }
        if (documentIndex < 0 || documentIndex >= File.Documents.Count)
        {
            return ArchiveResult<T>.NotFound($"File {File.FileNumber} has no document {documentIndex}; it has {File.Documents.Count}, numbered from 0.");
        }
        // Asked before any byte is stored, so a full file never leaves content nobody refers to.
        return File.Scans.Count >= ScanCapacity
            ? ArchiveResult<T>.Conflict($"File {File.FileNumber} already has {ScanCapacity} scans, the most a file keeps.")
            : null;
    }

    /// <summary>The scan store of this silo (the same directory or volume as the API's).</summary>
    private IScanStore ScanStore => ServiceProvider.GetRequiredService<IScanStore>();

    private bool MayDownload(ScannedCopy scan, Actor actor) =>
        Disclosure.ShowsScanOf(actor, File.Branch, File.Sensitivity, File.Documents.ElementAtOrDefault(scan.DocumentIndex)?.Type);

    /// <summary>The original name can carry the customer's name: only those who may download the scan see it.</summary>
    private ScannedCopy ForViewer(ScannedCopy scan, Actor actor) => MayDownload(scan, actor) ? scan : scan with { OriginalName = null };

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {Digest} ({Size} bytes) attached to document {DocumentIndex} of file {FileId}")]
    private partial void LogScanAttached(string fileId, int documentIndex, string digest, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {Digest} of file {FileId} released for download to {Subject}")]
    private partial void LogScanDownloaded(string fileId, string digest, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "File {FileId} refers to scan {Digest}, which is not in the scan store")]
    private partial void LogScanContentMissing(string fileId, string digest);
}
