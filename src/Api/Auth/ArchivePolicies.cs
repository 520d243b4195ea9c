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

    public static void AddArchivePolicies(this AuthorizationBuilder authorization)
    {
        Add(authorization, Read, Permissions.Read);
        Add(authorization, ManageBranches, Permissions.ManageBranches);
        Add(authorization, ManageCabinets, Permissions.ManageCabinets);
        Add(authorization, RegisterFiles, Permissions.RegisterFiles);
        Add(authorization, LendFiles, Permissions.LendFiles);
        Add(authorization, ApproveLending, Permissions.ApproveLending);
        Add(authorization, ReadAudit, Permissions.ReadAudit);
        Add(authorization, ReadAllAudit, Permissions.ReadAllAudit);
        Add(authorization, Operate, Permissions.Operate);
        Add(authorization, ClassifyFiles, Permissions.ClassifyFiles);
        Add(authorization, AbandonInspections, Permissions.AbandonInspections);
        Add(authorization, RepairFiles, Permissions.RepairFiles);
        Add(authorization, DestroyFiles, Permissions.DestroyFiles);
        Add(authorization, HoldFiles, Permissions.HoldFiles);
        Add(authorization, ReadRetention, Permissions.ReadRetention);
        Add(authorization, AttachScans, Permissions.AttachScans);
        Add(authorization, InspectCabinets, Permissions.InspectCabinets);
        Add(authorization, ImportFiles, Permissions.ImportFiles);
    }

    private static void Add(AuthorizationBuilder authorization, string name, StaffRoles roles) =>
        authorization.AddPolicy(name, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.ToActor() is { Subject.Length: > 0 } actor && actor.Has(roles)));
}
