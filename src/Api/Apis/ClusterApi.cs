using BranchArchive.Api.Auth;
using BranchArchive.Contracts.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;

namespace BranchArchive.Api.Apis;

/// <summary>
/// The operators' view of the cluster (admins): silos and their status from the membership table,
/// and activations per silo and per grain type, read from Orleans' management grain.
/// </summary>
public static class ClusterApi
{
    /// <summary>How long the view waits for the membership table, and for each silo's own figures.</summary>
    private static readonly TimeSpan StatisticsWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SiloWait = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cluster", GetCluster).WithName(nameof(GetCluster)).WithTags("Operations")
            .WithSummary("The cluster's silos with their status, and grain activations per silo and grain type (admins)")
            .RequireAuthorization(ArchivePolicies.Operate);
        return routes;
    }

    public static async Task<Ok<ClusterOverview>> GetCluster(IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(grains, clock.GetUtcNow(), cancellationToken));

    /// <summary>Every silo of the membership table (dead ones too, until Orleans cleans them up), and what the active ones host.</summary>
    public static async Task<ClusterOverview> ReadAsync(IGrainFactory grains, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: false).WaitAsync(StatisticsWait, cancellationToken);
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        // Each silo is asked on its own: one that died but is still listed as active (the seconds
        // before the others declare it dead, when operators look most) answers nothing, and must
        // not take the other silos' figures, or the whole page, with it.
        var figures = await Task.WhenAll(active.Select(silo => FiguresOfAsync(management, silo, cancellationToken)));
        var statistics = figures.Where(f => f.Runtime is not null).ToDictionary(f => f.Silo, f => f.Runtime!);
        var grainStatistics = figures.SelectMany(f => f.Grains).ToList();

        var silos = members
            .OrderBy(m => m.Status == SiloStatus.Active ? 0 : 1).ThenBy(m => m.SiloName, StringComparer.Ordinal)
            .Select(m => statistics.TryGetValue(m.SiloAddress, out var s)
                ? Silo(m, s.ActivationCount, s.RecentlyUsedActivationCount, s.EnvironmentStatistics.FilteredCpuUsagePercentage, s.EnvironmentStatistics.FilteredMemoryUsageBytes, (int)s.ClientCount, s.IsOverloaded)
                : Silo(m, null, null, null, null, null, null))
            .ToList();
        var grainTypes = grainStatistics
            .GroupBy(g => ShortName(g.GrainType))
            .Select(type => new GrainTypeActivations(
                type.Key,
                type.GroupBy(g => g.SiloAddress.ToParsableString()).ToDictionary(silo => silo.Key, silo => silo.Sum(g => g.ActivationCount)),
                type.Sum(g => g.ActivationCount)))
            .OrderByDescending(t => t.Total).ThenBy(t => t.GrainType, StringComparer.Ordinal)
            .ToList();
        return new ClusterOverview(at, silos, grainTypes);
    }

    private static async Task<(SiloAddress Silo, SiloRuntimeStatistics? Runtime, SimpleGrainStatistic[] Grains)> FiguresOfAsync(
        IManagementGrain management, SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            var runtime = await management.GetRuntimeStatistics([silo]).WaitAsync(SiloWait, cancellationToken);
            var grains = await management.GetSimpleGrainStatistics([silo]).WaitAsync(SiloWait, cancellationToken);
            return (silo, runtime.Single(), grains);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException) // OrleansException: silo unavailable, message rejected
        {
            return (silo, null, []); // shown without figures, as a dead silo is
        }
    }

    private static SiloOverview Silo(MembershipEntry member, int? activations, int? recentlyUsed, float? cpu, long? memory, int? clients, bool? overloaded) =>
        new(member.SiloAddress.ToParsableString(), member.SiloName ?? "", member.HostName ?? "", member.Status.ToString(),
            new DateTimeOffset(DateTime.SpecifyKind(member.StartTime, DateTimeKind.Utc)),
            member.IAmAliveTime == default ? null : new DateTimeOffset(DateTime.SpecifyKind(member.IAmAliveTime, DateTimeKind.Utc)),
            activations, recentlyUsed, cpu, memory, clients, overloaded);

    /// <summary>"BranchArchive.Grains.Files.CustomerFileGrain,BranchArchive.Grains" → "CustomerFileGrain" (Orleans' own types too).</summary>
    public static string ShortName(string grainType)
    {
        var type = grainType.Split(',')[0];
        var generic = type.IndexOf('`', StringComparison.Ordinal);
        if (generic >= 0)
        {
            type = type[..generic];
        }
        return type[(type.LastIndexOf('.') + 1)..];
    }
}
