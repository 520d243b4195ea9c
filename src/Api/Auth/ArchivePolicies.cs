using BranchArchive.Contracts.Access;
using Microsoft.AspNetCore.Authorization;

namespace BranchArchive.Api.Auth;

/// <summary>One authorisation policy per row of <see cref="Permissions"/>; branch scope is checked by the grains.</summary>
public static class ArchivePolicies
{
    public const string Read = nameof(Read);
    public const string ManageBranches = nameof(ManageBranches);
    public const string ManageCabinets = nameof(ManageCabinets);
    public const string RegisterFiles = nameof(RegisterFiles);
    public const string LendFiles = nameof(LendFiles);
    public const string ApproveLending = nameof(ApproveLending);
    public const string ReadAudit = nameof(ReadAudit);
    public const string ReadAllAudit = nameof(ReadAllAudit);
    public const string Operate = nameof(Operate);
    public const string ClassifyFiles = nameof(ClassifyFiles);
    public const string AbandonInspections = nameof(AbandonInspections);
    public const string RepairFiles = nameof(RepairFiles);
    public const string DestroyFiles = nameof(DestroyFiles);
    public const string HoldFiles = nameof(HoldFiles);
    public const string ReadRetention = nameof(ReadRetention);
    public const string AttachScans = nameof(AttachScans);
    public const string InspectCabinets = nameof(InspectCabinets);
    public const string ImportFiles = nameof(ImportFiles);
    public const string DeclareMissing = nameof(DeclareMissing);
    public const string ManageStaff = nameof(ManageStaff);
    public const string ReadBorrowers = nameof(ReadBorrowers);
    public const string ManageSubscriptions = nameof(ManageSubscriptions);
    public const string ReplayDeliveries = nameof(ReplayDeliveries);
    public const string RequestAccess = nameof(RequestAccess);
    public const string ApproveAccess = nameof(ApproveAccess);

    /// <summary>Each policy and the roles it lets through.</summary>
    private static readonly Dictionary<string, StaffRoles> Roles = new()
    {
        [Read] = Permissions.Read,
        [ManageBranches] = Permissions.ManageBranches,
        [ManageCabinets] = Permissions.ManageCabinets,
        [RegisterFiles] = Permissions.RegisterFiles,
        [LendFiles] = Permissions.LendFiles,
        [ApproveLending] = Permissions.ApproveLending,
        [ReadAudit] = Permissions.ReadAudit,
        [ReadAllAudit] = Permissions.ReadAllAudit,
        [Operate] = Permissions.Operate,
        [ClassifyFiles] = Permissions.ClassifyFiles,
        [AbandonInspections] = Permissions.AbandonInspections,
        [RepairFiles] = Permissions.RepairFiles,
        [DestroyFiles] = Permissions.DestroyFiles,
        [HoldFiles] = Permissions.HoldFiles,
        [ReadRetention] = Permissions.ReadRetention,
        [AttachScans] = Permissions.AttachScans,
        [InspectCabinets] = Permissions.InspectCabinets,
        [ImportFiles] = Permissions.ImportFiles,
        [DeclareMissing] = Permissions.DeclareMissing,
        [ManageStaff] = Permissions.ManageStaff,
        [ReadBorrowers] = Permissions.ReadBorrowers,
        [ManageSubscriptions] = Permissions.ManageSubscriptions,
        [ReplayDeliveries] = Permissions.ReplayDeliveries,
        [RequestAccess] = Permissions.RequestAccess,
        [ApproveAccess] = Permissions.ApproveAccess,
    };

    public static void AddArchivePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var (name, roles) in Roles)
        {
            authorization.AddPolicy(name, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.ToActor() is { Subject.Length: > 0 } actor && actor.Has(roles)));
        }
    }

    /// <summary>The roles a policy lets through, to tell a refused caller who may; null for a policy not made here.</summary>
    public static StaffRoles? RolesOf(string policy) => Roles.TryGetValue(policy, out var roles) ? roles : null;
}
