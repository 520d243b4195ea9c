namespace BranchArchive.Contracts.AccessLog;

/// <summary>
/// What was read, as the access log names it: short and stable (auditors filter by these names,
/// so a name once written never changes meaning).
/// </summary>
public static class AccessKinds
{
    /// <summary>The file's details: customer, documents, place, state (GET /api/files/{id}).</summary>
    public const string Details = "file.details";
    /// <summary>The whole custody history (hand-overs, transits).</summary>
    public const string Custody = "file.custody";
    /// <summary>Only the custody entries a borrowing branch handled itself.</summary>
    public const string CustodyHandled = "file.custody.handled";
    /// <summary>The whole loan register.</summary>
    public const string Loans = "file.loans";
    /// <summary>Only the loans a borrowing branch handled itself.</summary>
    public const string LoansHandled = "file.loans.handled";
    public const string ClassificationHistory = "file.classification";
    public const string Repairs = "file.repairs";
    /// <summary>The list of the file's scanned copies.</summary>
    public const string Scans = "file.scans";
    /// <summary>One scanned copy downloaded.</summary>
    public const string ScanDownload = "file.scan.download";
    /// <summary>The file's reading requests (调阅申请): who asked to read it, the outside parties and their letters.</summary>
    public const string ReadingRequests = "file.reading-requests";
    /// <summary>The file's copy requests: which documents and pages were copied, for whom.</summary>
    public const string CopyRequests = "file.copy-requests";
    /// <summary>An export of many files' lines (one record per export, with its query and row count).</summary>
    public const string InventoryExport = "inventory.export";

    public static readonly IReadOnlyList<string> All =
        [Details, Custody, CustodyHandled, Loans, LoansHandled, ClassificationHistory, Repairs, Scans, ScanDownload, ReadingRequests, CopyRequests, InventoryExport];
}
