namespace BranchArchive.Contracts.Audit;

/// <summary>The names of audited acts, as they appear in the log.</summary>
public static class AuditActions
{
    public const string OpenBranch = "branch.open";
    public const string AddCabinet = "cabinet.add";
    public const string AssignCustodian = "cabinet.custodian";
    public const string RegisterFile = "file.register";
    public const string CheckOut = "file.checkout";
    public const string Return = "file.return";
    public const string ReadFile = "file.read";
    public const string RequestFile = "file.request";
    public const string CancelRequest = "file.request.cancel";
    public const string Dispatch = "file.dispatch";
    public const string Receive = "file.receive";
    public const string Pickup = "file.pickup";
    public const string Renew = "file.renew";
    public const string OpenReading = "file.reading.open";
    public const string Relocate = "file.relocate";
    public const string CloseReading = "file.reading.close";
    public const string ReadCabinet = "cabinet.read";
    public const string ReadBranch = "branch.read";
    public const string ReadAudit = "audit.read";
    public const string WriteCheckpoint = "audit.checkpoint";
    public const string ReadNotices = "notices.read";
    public const string MarkNoticeRead = "notice.mark.read";
    public const string MarkNoticeUnread = "notice.mark.unread";
    public const string Reclassify = "file.reclassify";
    public const string StartRepair = "file.repair.start";
    public const string CompleteRepair = "file.repair.complete";
    public const string SupplyDocuments = "file.documents.supplied";
    public const string PlaceLegalHold = "file.hold.place";
    public const string LiftLegalHold = "file.hold.lift";
    public const string RequestDestruction = "file.destruction.request";
    public const string ApproveDestruction = "file.destruction.approve";
    public const string Destroy = "file.destroy";
    public const string ReadRetention = "retention.read";
    public const string AttachScan = "file.scan.attach";
    public const string DownloadScan = "file.scan.download";

    // Reading requests (调阅) and copies of documents: issue 21, accounting files and copies
    public const string RequestReading = "file.reading.request";
    public const string ApproveReading = "file.reading.approve";
    public const string RefuseReading = "file.reading.refuse";
    public const string RequestCopy = "file.copy.request";
    public const string ApproveCopy = "file.copy.approve";
    public const string RefuseCopy = "file.copy.refuse";
    public const string MakeCopy = "file.copy.made";

    // Inspections (stocktake)
    public const string StartInspection = "inspection.start";
    public const string RecordFound = "inspection.found";
    public const string CompleteInspection = "inspection.complete";
    public const string AbandonInspection = "inspection.abandon";
    public const string ReadInspections = "inspection.read";
    public const string LockForInspection = "file.inspection.lock";
    public const string UnlockAfterInspection = "file.inspection.unlock";
    public const string MarkMissing = "file.missing";
    public const string FoundAgain = "file.found";

    // Circulation's exceptions. A manager declaring a file missing or found is audited as
    // MarkMissing / FoundAgain, like an inspection's finding.
    public const string CancelTransit = "file.transit.cancel";
    public const string PickupExpired = "file.pickup.expired";

    // Staff lists and borrowers
    public const string ListStaff = "staff.list";
    public const string UnlistStaff = "staff.unlist";
    public const string ReadStaff = "staff.read";
    public const string ReadBorrowerLoans = "borrower.loans.read";

    /// <summary>A person's refusals came faster than <c>Api:DenialRateLimit</c> allows: one record, then 429 without a record each.</summary>
    public const string DenialsThrottled = "access.throttled";

    // Import
    public const string StartImport = "import.start";
    public const string FinishImport = "import.finish";
    public const string ReadImport = "import.read";

    // Notice subscriptions and deliveries
    public const string Subscribe = "notices.subscribe";
    public const string Unsubscribe = "notices.unsubscribe";
    public const string EnableSubscription = "notices.subscription.enable";
    public const string DisableSubscription = "notices.subscription.disable";
    public const string ReadSubscriptions = "notices.subscription.read";
    public const string ReadDeliveries = "notices.deliveries.read";
    public const string ReplayDeliveries = "notices.deliveries.replay";

    // The access log of reads (its records are in their own log; these are the acts upon it)
    /// <summary>A query or verification of the access log, denied (allowed reads of it are not audited, as for audit.read).</summary>
    public const string ReadAccessLog = "access-log.read";
    /// <summary>Records past the retention were removed, with their count, the cut-off and where each chain now starts.</summary>
    public const string PurgeAccessLog = "access-log.purge";
    // Purpose-bound access to files outside the asker's scope (issue 21, point 2)
    public const string RequestAccess = "file.access.request";
    public const string ApproveAccess = "file.access.approve";
    public const string RefuseAccess = "file.access.refuse";
    public const string WithdrawAccess = "file.access.withdraw";
    public const string EmergencyAccess = "file.access.emergency";
    public const string ReviewAccess = "file.access.review";
}
