using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Reading requests (调阅申请): a reading of an accounting file, or by an outside party on an
/// official letter, is asked for first and approved (see <see cref="ReadingRequestRules"/>); only
/// then does a manager of the branch open its on-site reading (<see cref="OpenReading"/>).
/// </summary>
public sealed partial class CustomerFileGrain
{
    private const string RequestReadingOperation = "request-reading";

    /// <summary>Who approves accounting files' use, as configured now (read at each call, like the never-lent rule).</summary>
    private AccountingOptions Accounting => ServiceProvider.GetRequiredService<IOptions<AccountingOptions>>().Value;

    private bool IsAccountingFile => AccountingRules.IsAccountingFile(File, _circulation.NeverLent);

    public async Task<ArchiveResult<ReadingRequest>> RequestReading(RequestReadingCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(RequestReadingOperation, command);
        // Asking for a reading asks for the paper to be taken in hand: an inspection holds it.
        var admission = await Admit<ReadingRequest>(actor, new(AuditActions.RequestReading, Lends(File.Branch), WhileInspected.Refused)
        {
            Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = RequestReadingOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is { } repeated && File.ReadingRequests.Find(r => r.RequestId == repeated.ResultId) is { } earlier)
        {
            return ArchiveResult<ReadingRequest>.Ok(earlier);
        }
        var outside = !string.IsNullOrWhiteSpace(command.OutsideParty);
        if (File.Status is FileStatus.Missing)
        {
            return ArchiveResult<ReadingRequest>.Conflict($"File {File.FileNumber} is {File.Status}; it can't be read.");
        }
        if (!IsAccountingFile && !outside)
        {
            return ArchiveResult<ReadingRequest>.Conflict(
                $"File {File.FileNumber} is not an accounting file: a reading by staff needs no request; a manager of branch {File.Branch} opens it directly.");
        }
        if (!MakeRoom(File.ReadingRequests, r => r.Status is ReadingRequestStatus.Refused or ReadingRequestStatus.Opened, ReadingRequestRules.Capacity))
        {
            return ArchiveResult<ReadingRequest>.Conflict($"File {File.FileNumber} already has {ReadingRequestRules.Capacity} reading requests open; decide some first.");
        }

        var now = _clock.GetUtcNow();
        var request = new ReadingRequest(Guid.NewGuid().ToString("D"), command.Reader!.Trim(), command.Purpose!.Trim(), actor.Subject, now,
            ReadingRequestStatus.Pending, NeedsFinanceApproval: IsAccountingFile, NeedsHeadOfficeApproval: outside,
            outside ? command.OutsideParty!.Trim() : null, outside ? command.LetterReference!.Trim() : null);
        File.ReadingRequests.Add(request);
        var who = outside ? $"{request.Reader} of {request.OutsideParty} (official letter {request.LetterReference})" : request.Reader;
        var detail = $"Reading request {request.RequestId} for {who}, purpose \"{request.Purpose}\"; awaits {ReadingRequestRules.Awaited(request, File.Branch)}.";
        File.Record(new CustodyEvent(now, CustodyAction.ReadingRequested, actor.Subject, File.Branch, detail));
        RecordChange(actor, idempotencyKey, RequestReadingOperation, fingerprint, request.RequestId, now);
        await _file.SaveAsync(Record(actor, AuditActions.RequestReading, Outcome.Created, detail));
        LogRequestDecided(Id, "reading", request.RequestId, "requested", actor.Subject);
        return ArchiveResult<ReadingRequest>.Ok(request);
    }

    public async Task<ArchiveResult<ReadingRequest>> ApproveReading(string requestId, Actor actor)
    {
        if (await AdmitDecision<ReadingRequest>(actor, AuditActions.ApproveReading, null) is { } refusal)
        {
            return refusal;
        }
        if (File.ReadingRequests.FindIndex(r => r.RequestId == requestId) is var index && index < 0)
        {
            return ArchiveResult<ReadingRequest>.NotFound($"File {File.FileNumber} has no reading request {requestId}.");
        }
        var request = File.ReadingRequests[index];
        if (request.FinanceApproval?.By == actor.Subject || request.HeadOfficeApproval?.By == actor.Subject)
        {
            return ArchiveResult<ReadingRequest>.Ok(request); // approved by them already: a repeat changes nothing
        }
        if (request.Status != ReadingRequestStatus.Pending)
        {
            return ArchiveResult<ReadingRequest>.Conflict($"Reading request {requestId} is {request.Status}, not waiting for approval.");
        }
        var (role, forbidden) = ReadingRequestRules.ApprovalBy(request, actor, File.Branch, Accounting);
        if (forbidden is not null)
        {
            return await _audit.Deny<ReadingRequest>(_clock, actor, AuditActions.ApproveReading, Id, File.Branch, forbidden);
        }

        var now = _clock.GetUtcNow();
        var decision = new RequestDecision(actor.Subject, now);
        request = role == ApprovalRole.Finance ? request with { FinanceApproval = decision } : request with { HeadOfficeApproval = decision };
        if (request.FullyApproved)
        {
            request = request with { Status = ReadingRequestStatus.Approved };
        }
        File.ReadingRequests[index] = request;
        var detail = $"Reading request {requestId} approved by {actor.Subject} as {(role == ApprovalRole.Finance ? "finance approver" : "head office")}; "
            + (request.FullyApproved ? "a manager of the branch may open the reading." : $"awaits {ReadingRequestRules.Awaited(request, File.Branch)}.");
        File.Record(new CustodyEvent(now, CustodyAction.ReadingApproved, actor.Subject, File.Branch, detail));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.ApproveReading, Outcome.Ok, detail));
        LogRequestDecided(Id, "reading", requestId, request.FullyApproved ? "approved" : "approved in part", actor.Subject);
        return ArchiveResult<ReadingRequest>.Ok(request);
    }

    public async Task<ArchiveResult<ReadingRequest>> RefuseReading(string requestId, RefuseRequestCommand command, Actor actor)
    {
        if (await AdmitDecision<ReadingRequest>(actor, AuditActions.RefuseReading, command.Validate()) is { } refusal)
        {
            return refusal;
        }
        if (File.ReadingRequests.FindIndex(r => r.RequestId == requestId) is var index && index < 0)
        {
            return ArchiveResult<ReadingRequest>.NotFound($"File {File.FileNumber} has no reading request {requestId}.");
        }
        var request = File.ReadingRequests[index];
        if (request.Refusal?.By == actor.Subject)
        {
            return ArchiveResult<ReadingRequest>.Ok(request);
        }
        if (request.Status != ReadingRequestStatus.Pending)
        {
            return ArchiveResult<ReadingRequest>.Conflict($"Reading request {requestId} is {request.Status}, not waiting for approval.");
        }
        if (ReadingRequestRules.RefuseBy(request, actor, File.Branch, Accounting) is { } forbidden)
        {
            return await _audit.Deny<ReadingRequest>(_clock, actor, AuditActions.RefuseReading, Id, File.Branch, forbidden);
        }

        var now = _clock.GetUtcNow();
        request = request with { Status = ReadingRequestStatus.Refused, Refusal = new RequestDecision(actor.Subject, now, command.Reason!.Trim()) };
        File.ReadingRequests[index] = request;
        var detail = $"Reading request {requestId} refused by {actor.Subject}: {request.Refusal!.Note}";
        File.Record(new CustodyEvent(now, CustodyAction.ReadingRefused, actor.Subject, File.Branch, detail));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.RefuseReading, Outcome.Ok, detail));
        LogRequestDecided(Id, "reading", requestId, "refused", actor.Subject);
        return ArchiveResult<ReadingRequest>.Ok(request);
    }

    public Task<ArchiveResult<IReadOnlyList<ReadingRequest>>> GetReadingRequests(Actor actor) =>
        ReadAsync<IReadOnlyList<ReadingRequest>>(actor, Contracts.AccessLog.AccessKinds.ReadingRequests, () => File.ReadingRequests.AsEnumerable().Reverse().ToList());

    /// <summary>
    /// The admission of an approval or refusal of a reading or copy request: for whoever is shown the
    /// file (who of them may decide is the request's rule, checked after); a decision leaves the paper
    /// where it is, so an inspection lets it through.
    /// </summary>
    private async Task<ArchiveResult<T>?> AdmitDecision<T>(Actor actor, string action, Contracts.Validation.ValidationErrors? errors) =>
        (await Admit<T>(actor, new(action, ShownDetails, WhileInspected.Allowed) { Errors = errors })).Refusal;

    /// <summary>Makes room for one more request: drops the oldest finished one when full. False when all are still open.</summary>
    private static bool MakeRoom<T>(List<T> requests, Func<T, bool> finished, int capacity)
    {
        if (requests.Count < capacity)
        {
            return true;
        }
        var oldest = requests.FindIndex(r => finished(r));
        if (oldest < 0)
        {
            return false;
        }
        requests.RemoveAt(oldest);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId}: {Kind} request {RequestId} {Step} by {Subject}")]
    private partial void LogRequestDecided(string fileId, string kind, string requestId, string step, string subject);
}
