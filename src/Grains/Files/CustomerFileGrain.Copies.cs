using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Copy requests (复制、摘录申请): which documents and pages, how many copies, why; approved by the
/// right person first (<see cref="CopyRules"/>), then each copy made is recorded (a photocopy marked
/// made, a scan downloaded under the request), all in the file's register and the audit log.
/// </summary>
public sealed partial class CustomerFileGrain
{
    private const string RequestCopyOperation = "request-copy";

    public async Task<ArchiveResult<CopyRequest>> RequestCopy(RequestCopyCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(RequestCopyOperation, command);
        // An auditor may ask for a copy of what they audit, in any branch. Copying takes the paper in hand: an inspection holds it.
        var admission = await Admit<CopyRequest>(actor, new(AuditActions.RequestCopy, Lends(File.Branch, auditorsToo: true), WhileInspected.Refused)
        {
            Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = RequestCopyOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is { } repeated && File.CopyRequests.Find(r => r.RequestId == repeated.ResultId) is { } earlier)
        {
            return ArchiveResult<CopyRequest>.Ok(earlier);
        }
        for (var i = 0; i < command.Parts!.Count; i++)
        {
            if (command.Parts[i].DocumentIndex >= File.Documents.Count)
            {
                return ArchiveResult<CopyRequest>.Invalid($"parts[{i}].documentIndex",
                    $"file {File.FileNumber} has no document {command.Parts[i].DocumentIndex}; it has {File.Documents.Count}, numbered from 0.");
            }
        }
        if (File.Status is FileStatus.Missing)
        {
            return ArchiveResult<CopyRequest>.Conflict($"File {File.FileNumber} is {File.Status}; nothing of it can be copied.");
        }
        var (finance, branch) = CopyRules.Needed(File, command.Parts, _circulation.NeverLent);
        if (command.Kind == CopyKind.ScanDownload && !finance && !branch)
        {
            return ArchiveResult<CopyRequest>.Conflict(
                $"These documents of file {File.FileNumber} are neither accounting records nor Restricted: their scans are downloaded without a copy request.");
        }
        if (!MakeRoom(File.CopyRequests, r => r.Status is CopyRequestStatus.Refused or CopyRequestStatus.Done, CopyRules.Capacity))
        {
            return ArchiveResult<CopyRequest>.Conflict($"File {File.FileNumber} already has {CopyRules.Capacity} copy requests open; decide or finish some first.");
        }

        var now = _clock.GetUtcNow();
        var parts = command.Parts.Select(p => new CopyPart(p.DocumentIndex, string.IsNullOrWhiteSpace(p.Pages) ? null : p.Pages.Trim())).ToList();
        var request = new CopyRequest(Guid.NewGuid().ToString("D"), command.Kind!.Value, parts, command.Copies!.Value, command.Purpose!.Trim(),
            actor.Subject, now, finance || branch ? CopyRequestStatus.Pending : CopyRequestStatus.Approved, finance, branch);
        File.CopyRequests.Add(request);
        var detail = $"Copy request {request.RequestId}: {CopyRules.Describe(request)}, purpose \"{request.Purpose}\"; "
            + (request.Status == CopyRequestStatus.Approved ? "no approval needed (ordinary documents)." : $"awaits {CopyRules.Awaited(request, File.Branch)}.");
        File.Record(new CustodyEvent(now, CustodyAction.CopyRequested, actor.Subject, File.Branch, detail));
        RecordChange(actor, idempotencyKey, RequestCopyOperation, fingerprint, request.RequestId, now);
        await _file.SaveAsync(Record(actor, AuditActions.RequestCopy, Outcome.Created, detail));
        LogRequestDecided(Id, "copy", request.RequestId, "requested", actor.Subject);
        return ArchiveResult<CopyRequest>.Ok(request);
    }

    public async Task<ArchiveResult<CopyRequest>> ApproveCopy(string requestId, Actor actor)
    {
        if (await AdmitDecision<CopyRequest>(actor, AuditActions.ApproveCopy, null) is { } refusal)
        {
            return refusal;
        }
        if (File.CopyRequests.FindIndex(r => r.RequestId == requestId) is var index && index < 0)
        {
            return ArchiveResult<CopyRequest>.NotFound($"File {File.FileNumber} has no copy request {requestId}.");
        }
        var request = File.CopyRequests[index];
        if (request.FinanceApproval?.By == actor.Subject || request.BranchApproval?.By == actor.Subject)
        {
            return ArchiveResult<CopyRequest>.Ok(request); // approved by them already: a repeat changes nothing
        }
        if (request.Status != CopyRequestStatus.Pending)
        {
            return ArchiveResult<CopyRequest>.Conflict($"Copy request {requestId} is {request.Status}, not waiting for approval.");
        }
        var (role, forbidden) = CopyRules.ApprovalBy(request, actor, File.Branch, Accounting);
        if (forbidden is not null)
        {
            return await _audit.Deny<CopyRequest>(_clock, actor, AuditActions.ApproveCopy, Id, File.Branch, forbidden);
        }

        var now = _clock.GetUtcNow();
        var decision = new RequestDecision(actor.Subject, now);
        request = role == ApprovalRole.Finance ? request with { FinanceApproval = decision } : request with { BranchApproval = decision };
        if (request.FullyApproved)
        {
            request = request with { Status = CopyRequestStatus.Approved };
        }
        File.CopyRequests[index] = request;
        var detail = $"Copy request {requestId} approved by {actor.Subject} as {(role == ApprovalRole.Finance ? "finance approver" : "manager or head office")}; "
            + (request.FullyApproved ? "the copies may be made." : $"awaits {CopyRules.Awaited(request, File.Branch)}.");
        File.Record(new CustodyEvent(now, CustodyAction.CopyApproved, actor.Subject, File.Branch, detail));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.ApproveCopy, Outcome.Ok, detail));
        LogRequestDecided(Id, "copy", requestId, request.FullyApproved ? "approved" : "approved in part", actor.Subject);
        return ArchiveResult<CopyRequest>.Ok(request);
    }

    public async Task<ArchiveResult<CopyRequest>> RefuseCopy(string requestId, RefuseRequestCommand command, Actor actor)
    {
        if (await AdmitDecision<CopyRequest>(actor, AuditActions.RefuseCopy, command.Validate()) is { } refusal)
        {
            return refusal;
        }
        if (File.CopyRequests.FindIndex(r => r.RequestId == requestId) is var index && index < 0)
        {
            return ArchiveResult<CopyRequest>.NotFound($"File {File.FileNumber} has no copy request {requestId}.");
        }
        var request = File.CopyRequests[index];
        if (request.Refusal?.By == actor.Subject)
        {
            return ArchiveResult<CopyRequest>.Ok(request);
        }
        if (request.Status != CopyRequestStatus.Pending)
        {
            return ArchiveResult<CopyRequest>.Conflict($"Copy request {requestId} is {request.Status}, not waiting for approval.");
        }
        if (CopyRules.RefuseBy(request, actor, File.Branch, Accounting) is { } forbidden)
        {
            return await _audit.Deny<CopyRequest>(_clock, actor, AuditActions.RefuseCopy, Id, File.Branch, forbidden);
        }

        var now = _clock.GetUtcNow();
        request = request with { Status = CopyRequestStatus.Refused, Refusal = new RequestDecision(actor.Subject, now, command.Reason!.Trim()) };
        File.CopyRequests[index] = request;
        var detail = $"Copy request {requestId} refused by {actor.Subject}: {request.Refusal!.Note}";
        File.Record(new CustodyEvent(now, CustodyAction.CopyRefused, actor.Subject, File.Branch, detail));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.RefuseCopy, Outcome.Ok, detail));
        LogRequestDecided(Id, "copy", requestId, "refused", actor.Subject);
        return ArchiveResult<CopyRequest>.Ok(request);
    }

    /// <summary>The photocopies of an approved request are made and handed over: recorded once, by whom and when.</summary>
    public async Task<ArchiveResult<CopyRequest>> MarkCopyMade(string requestId, MarkCopyMadeCommand command, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        // Marking made twice changes nothing (below), so it needs no Idempotency-Key.
        var admission = await Admit<CopyRequest>(actor, new(AuditActions.MakeCopy, Lends(File.Branch), WhileInspected.Refused) { Errors = command.Validate() });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (File.CopyRequests.FindIndex(r => r.RequestId == requestId) is var index && index < 0)
        {
            return ArchiveResult<CopyRequest>.NotFound($"File {File.FileNumber} has no copy request {requestId}.");
        }
        var request = File.CopyRequests[index];
        if (request.Kind != CopyKind.Photocopy)
        {
            return ArchiveResult<CopyRequest>.Conflict($"Copy request {requestId} is for scan downloads: each download is recorded as it is made.");
        }
        if (request.Status == CopyRequestStatus.Done)
        {
            return ArchiveResult<CopyRequest>.Ok(request); // marked made already: a repeat changes nothing
        }
        if (request.Status != CopyRequestStatus.Approved)
        {
            return ArchiveResult<CopyRequest>.Conflict(request.Status == CopyRequestStatus.Pending
                ? $"Copy request {requestId} still awaits {CopyRules.Awaited(request, File.Branch)}; no copy is made before it is approved."
                : $"Copy request {requestId} was refused; no copy is made.");
        }

        var now = _clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        request = request with { Status = CopyRequestStatus.Done, Uses = [new RequestDecision(actor.Subject, now, note)] };
        File.CopyRequests[index] = request;
        var detail = $"Copy request {requestId}: {CopyRules.Describe(request)} made by {actor.Subject}{(note is null ? "" : ": " + note)}.";
        File.Record(new CustodyEvent(now, CustodyAction.CopyMade, actor.Subject, File.Branch, detail));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.MakeCopy, Outcome.Ok, detail));
        LogRequestDecided(Id, "copy", requestId, "made", actor.Subject);
        return ArchiveResult<CopyRequest>.Ok(request);
    }

    public Task<ArchiveResult<IReadOnlyList<CopyRequest>>> GetCopyRequests(Actor actor) =>
        ReadAsync<IReadOnlyList<CopyRequest>>(actor, Contracts.AccessLog.AccessKinds.CopyRequests, () => File.CopyRequests.AsEnumerable().Reverse().ToList());

    /// <summary>
    /// A scan download of accounting or Restricted documents uses one copy of the caller's approved
    /// scan-download request for that document: recorded in the register and the audit log before a
    /// byte leaves. Refused (403, audited, nothing changed) without one.
    /// </summary>
    private async Task<ArchiveResult<T>?> UseCopyForDownloadAsync<T>(Contracts.Scans.ScannedCopy scan, Actor actor)
    {
        var index = CopyRules.DownloadUnder(File.CopyRequests, scan.DocumentIndex, actor);
        if (index < 0)
        {
            return await _audit.Deny<T>(_clock, actor, AuditActions.DownloadScan, Id, File.Branch,
                $"Document {scan.DocumentIndex} of file {File.FileNumber} is {(AccountingRules.IsAccountingDocument(File, scan.DocumentIndex, _circulation.NeverLent) ? "an accounting record" : "in a Restricted file")}: "
                + "its scan is downloaded only under your approved copy request (kind ScanDownload) with copies left.");
        }
        var now = _clock.GetUtcNow();
        var request = File.CopyRequests[index];
        var uses = (request.Uses ?? []).Append(new RequestDecision(actor.Subject, now, $"scan {scan.Digest}")).ToList();
        request = request with { Uses = uses, Status = uses.Count >= request.Copies ? CopyRequestStatus.Done : CopyRequestStatus.Approved };
        File.CopyRequests[index] = request;
        var detail = $"Scan {scan.Digest} of document {scan.DocumentIndex} downloaded ({scan.Size} bytes) under copy request {request.RequestId}, copy {uses.Count} of {request.Copies}.";
        File.Record(new CustodyEvent(now, CustodyAction.CopyMade, actor.Subject, File.Branch, detail));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.DownloadScan, Outcome.Ok, detail));
        LogScanDownloaded(Id, scan.Digest, actor.Subject);
        return null;
    }
}
