namespace BranchArchive.Contracts.Access;

/// <summary>
/// Which roles may perform each operation. The API's authorisation policies and the grains'
/// own checks both read this table, so a rule is written once.
/// </summary>
public static class Permissions
{
    public const StaffRoles ManageBranches = StaffRoles.Archivist | StaffRoles.Admin;
    public const StaffRoles ManageCabinets = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;
    public const StaffRoles RegisterFiles = StaffRoles.Clerk | StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;
    public const StaffRoles LendFiles = StaffRoles.Clerk | StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;
    /// <summary>Approve what needs a manager: on-site readings, loans of Restricted files.</summary>
    public const StaffRoles ApproveLending = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;
    public const StaffRoles ReadAudit = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;

    /// <summary>Ask the access log who read a file, or what a person read: managers (their branch's files only), head office, auditors.</summary>
    public const StaffRoles ReadAccessLog = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;

    /// <summary>Read the whole audit log, verify its chain and have a signed checkpoint written; managers read only their branch's entries.</summary>
    public const StaffRoles ReadAllAudit = StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;
    /// <summary>Operate the cluster: the Orleans Dashboard.</summary>
    public const StaffRoles Operate = StaffRoles.Admin;

    /// <summary>See every branch's inventory; clerks and managers see their own branch's.</summary>
    public const StaffRoles ReadAllBranches = StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;

    public const StaffRoles Read = StaffRoles.Clerk | StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;

    /// <summary>Re-classify files (importance, type, stage, relationship, sensitivity, filing period): managers of the branch and head office.</summary>
    public const StaffRoles ClassifyFiles = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;

    /// <summary>Send damaged files to repair, take them back, record missing documents supplied: the branch's staff.</summary>
    public const StaffRoles RepairFiles = StaffRoles.Clerk | StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;

    /// <summary>Propose a file for destruction and carry it out before witnesses: managers of the branch and archivists.</summary>
    public const StaffRoles DestroyFiles = StaffRoles.Manager | StaffRoles.Archivist;

    /// <summary>Place and lift legal holds: archivists.</summary>
    public const StaffRoles HoldFiles = StaffRoles.Archivist;

    /// <summary>Read the list of files due for destruction: managers (their branch), archivists, auditors.</summary>
    public const StaffRoles ReadRetention = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;
    /// <summary>Attach scanned copies to a file's documents: whoever may register files in its branch.</summary>
    public const StaffRoles AttachScans = RegisterFiles;
    /// <summary>Run a cabinet's inspection (stocktake): clerks and managers in their branch, head office anywhere.</summary>
    public const StaffRoles InspectCabinets = StaffRoles.Clerk | StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;

    /// <summary>Call off an inspection left open: managers of the branch and head office.</summary>
    public const StaffRoles AbandonInspections = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;
    /// <summary>
    /// Declare a file missing (cancelling its transit and requests) and record it found again: managers
    /// of the file's home branch, and head office. The home branch answers for the file and its count.
    /// </summary>
    public const StaffRoles DeclareMissing = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;
    /// <summary>Import customer files from CSV: as registration, rows for branches the caller may not act in are refused row by row.</summary>
    public const StaffRoles ImportFiles = RegisterFiles;

    /// <summary>Keep a branch's staff list (who files may be lent to): managers of the branch and head office.</summary>
    public const StaffRoles ManageStaff = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;

    /// <summary>See any borrower's loans: managers (loans held at their branch), head office and auditors (all).</summary>
    public const StaffRoles ReadBorrowers = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Auditor | StaffRoles.Admin;

    /// <summary>
    /// Ask for purpose-bound access to a file one is not shown in full (a Restricted file's customer,
    /// another branch's file), also in an emergency: branch staff. Head office and auditors see every file already.
    /// </summary>
    public const StaffRoles RequestAccess = StaffRoles.Clerk | StaffRoles.Manager;

    /// <summary>Approve, refuse and review access requests: managers of the file's branch and head office.</summary>
    public const StaffRoles ApproveAccess = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;

    /// <summary>Subscribe webhooks and e-mail to notices, and read their delivery logs: managers (their branch) and head office (any, or head office-wide).</summary>
    public const StaffRoles ManageSubscriptions = StaffRoles.Manager | StaffRoles.Archivist | StaffRoles.Admin;

    /// <summary>See the dead-letter list of notice deliveries and replay it: admins.</summary>
    public const StaffRoles ReplayDeliveries = StaffRoles.Admin;
}
