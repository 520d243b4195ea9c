namespace BranchArchive.Grains.Storage;

/// <summary>
/// The storage provider and the state names under which rows are stored. ADO.NET storage keys
/// rows by grain id and state name (not grain class), so every grain class has its own name.
/// Changing a name orphans every stored row of that class.
/// </summary>
public static class StateNames
{
    public const string Provider = "archive";

    public const string CustomerFile = "customer-file";
    public const string Cabinet = "cabinet";
    public const string Branch = "branch";
    public const string BranchDirectory = "branch-directory";
    public const string FileNumbers = "file-numbers";
    public const string CabinetInspection = "cabinet-inspection";
    public const string ScanContent = "scan-content";
    public const string StaffDirectory = "staff-directory";
    public const string Borrower = "borrower";
    public const string EmailDigest = "email-digest";
    public const string AccessRequester = "access-requester";

    // Import
    public const string ImportJob = "import-job";
    public const string ImportBatch = "import-batch";
    public const string ImportRegistry = "import-registry";
    public const string CustomerIdentity = "customer-identity";
}
