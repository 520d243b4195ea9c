using BranchArchive.Persistence;
using BranchArchive.Silo.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace BranchArchive.Api.Hosting;

/// <summary>
/// The one switch between the two topologies: <c>Topology=Embedded</c> runs a silo inside the API
/// process (the default, one machine); <c>Topology=Client</c> joins a cluster of separate silos.
/// </summary>
public static class ArchiveCluster
{
    public static void AddArchiveCluster(this WebApplicationBuilder builder)
    {
        var topology = builder.Configuration["Topology"] ?? "Embedded";
        switch (topology)
        {
            case "Embedded":
                builder.UseOrleans(silo => silo.UseArchiveSilo(builder.Configuration));
                break;
            case "Client":
                builder.UseOrleansClient(client => client.UseArchiveClient(builder.Configuration));
                break;
            default:
                throw new InvalidOperationException($"Topology '{topology}' is not known; use 'Embedded' or 'Client'.");
        }
    }

    private static void UseArchiveClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = configuration.GetSection(ArchiveSiloOptions.Section).Get<ArchiveSiloOptions>() ?? new();
        if (options.Membership == "AdoNet")
        {
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = ArchiveStorageSiloBuilderExtensions.PostgresInvariant;
                clustering.ConnectionString = configuration.GetConnectionString(ArchiveSiloOptions.PostgresConnectionName)
                    ?? throw new InvalidOperationException($"Cluster:Membership=AdoNet needs ConnectionStrings:{ArchiveSiloOptions.PostgresConnectionName}.");
            });
        }
        else
        {
            client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
        }
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ServiceId = options.ServiceId;
            cluster.ClusterId = options.ClusterId;
        });
        client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = options.FailureDetection.GatewayListRefreshPeriod);
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.FailureDetection.ClientResponseTimeout);
        client.AddOutgoingGrainCallFilter<RetrySafeCalls>();
        client.AddActivityPropagation();
        client.AddDashboard();
    }
}
