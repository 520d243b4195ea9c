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
    public const string ReadNotices = "notices.read";
    public const string Reclassify = "file.reclassify";

    // Import
    public const string StartImport = "import.start";
    public const string FinishImport = "import.finish";
    public const string ReadImport = "import.read";
}
