using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>Staff and ready-made branches, cabinets and files for grain tests.</summary>
public static class Archive
{
    public static readonly Actor Archivist = new("head.archivist", StaffRoles.Archivist, null);

    public static Actor Clerk(string branch) => new($"clerk.{branch.ToLowerInvariant()}", StaffRoles.Clerk, branch);

    public static Actor Auditor => new("auditor", StaffRoles.Auditor, null);

    /// <summary>The subject the test cluster names as finance approver of every branch (<c>Accounting:FinanceApprovers:*</c>).</summary>
    public const string FinanceApprover = "finance.head";

    /// <summary>The finance approver, signed in as staff of <paramref name="branch"/>.</summary>
    public static Actor Finance(string branch, StaffRoles roles = StaffRoles.Clerk) => new(FinanceApprover, roles, branch);

    public static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    /// <summary>A branch code no other test uses.</summary>
    public static string NewBranchCode() => "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    public static async Task<string> OpenBranchWithCabinet(IGrainFactory grains, int capacity = 100, string cabinet = "C01", string? code = null)
    {
        code ??= NewBranchCode();
        var branch = grains.GetGrain<IBranchGrain>(code);
        (await branch.Open(new CreateBranchCommand(code, $"Branch {code}", "East"), Archivist, null)).AssertSucceeded();
        (await branch.AddCabinet(new CreateCabinetCommand(cabinet, "Contracts A", capacity), Archivist, null)).AssertSucceeded();
        return code;
    }

    public static async Task AddCabinet(IGrainFactory grains, string branch, string cabinet, int capacity = 100) =>
        (await grains.GetGrain<IBranchGrain>(branch).AddCabinet(new CreateCabinetCommand(cabinet, $"Cabinet {cabinet}", capacity), Archivist, null))
            .AssertSucceeded();

    public static RegisterFileCommand NewFile(string branch, string cabinet = "C01", bool lendable = true) => new(
        branch, cabinet,
        new Customer("上海某某机械设备制造厂", CustomerType.Enterprise, "91310000XXXXXXXX", "Machinery", "Shanghai"),
        Importance.Vip, Sensitivity.Confidential, lendable, ["contract", "2026"],
        [new FileDocument(DocumentType.Cooperation, "Framework contract", 12, new DateOnly(2026, 3, 1))]);

    public static async Task<ICustomerFileGrain> RegisterFile(IGrainFactory grains, string branch, string? id = null, bool lendable = true)
    {
        var file = grains.GetGrain<ICustomerFileGrain>(id ?? FileIds.New());
        (await file.Register(NewFile(branch, lendable: lendable), Archivist)).AssertSucceeded();
        return file;
    }

    public static CheckoutCommand Checkout(string borrower = "zhang.san", int days = 14) => new(borrower, "Contract renewal", days);
}
