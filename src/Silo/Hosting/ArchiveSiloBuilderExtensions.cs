using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Inspections;
using BranchArchive.Grains.Inventory;
using BranchArchive.Grains.Retention;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Telemetry;
using BranchArchive.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace BranchArchive.Silo.Hosting;

public static class ArchiveSiloBuilderExtensions
{
    /// <summary>Configures a silo of the archive from the <c>Cluster</c> configuration section.</summary>
    public static ISiloBuilder UseArchiveSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ArchiveSiloOptions.Section).Get<ArchiveSiloOptions>() ?? new ArchiveSiloOptions();
        var storage = ArchiveStorageSettings.From(options, configuration);
        ArchiveAuditCheckpoints.RequireKeyFor(storage, configuration);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ServiceId = options.ServiceId;
            cluster.ClusterId = options.ClusterId;
        });
        switch (options.Membership)
        {
            case "Localhost":
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                break;
            case "AdoNet":
                silo.UseArchiveAdoNetMembership(options, storage);
                break;
            default:
                throw new InvalidOperationException($"Cluster:Membership '{options.Membership}' is not known; use 'Localhost' or 'AdoNet'.");
        }
        // The Orleans Dashboard's data; the API serves its pages to admins at /dashboard.
        silo.AddDashboard();
        return silo.AddArchiveGrainServices(storage);
    }

    /// <summary>Everything a silo of the archive needs apart from membership; tests use it on TestingHost silos.</summary>
    public static ISiloBuilder AddArchiveGrainServices(this ISiloBuilder silo, ArchiveStorageSettings storage)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<OperationMetrics>();
        silo.Services.AddSingleton<CatalogueMetrics>();
        silo.Services.AddSingleton<AuditMetrics>();
        silo.AddArchiveAccessLog();
        silo.Services.AddOptions<CirculationOptions>().BindConfiguration(CirculationOptions.Section)
            .Validate(o => o.DefaultLoanLimit >= 1 && o.LoanLimits.Values.All(limit => limit >= 1), "Circulation:LoanLimits and :DefaultLoanLimit are at least 1.")
            .Validate(o => o.NeverLent.EffectiveDocumentTypes.All(Enum.IsDefined), "Circulation:NeverLent:DocumentTypes names known document types.");
        silo.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section)
            .Validate(o => o.IsValid, "Access: MaxGrant and DefaultGrant at least 1 hour (default no longer than max), EmergencyGrant positive and no longer than MaxGrant, EmergencyReviewWithin positive, FinishedKept at least 1.")
            .ValidateOnStart();
        silo.Services.AddOptions<AccountingOptions>().BindConfiguration(AccountingOptions.Section);
        silo.Services.AddOptions<CatalogueSweepOptions>().BindConfiguration(CatalogueSweepOptions.Section);
        silo.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Rules.All(rule => rule.Years is >= 1 and <= 200 && Enum.IsDefined(rule.Stage)
                    && rule.Stage is CooperationStage.Terminated or CooperationStage.Potential
                    && (rule.DocumentType is null || Enum.IsDefined(rule.DocumentType.Value))),
                "Retention:Rules: each rule names a stage that ends (Terminated or Potential), a known document type if any, and 1..200 years.")
            .ValidateOnStart();
        silo.Services.AddSingleton<InventoryGauges>();
        silo.Services.AddArchiveScans(storage.Sqlite.Path);
        silo.Services.AddHostedService(services => services.GetRequiredService<InventoryGauges>());
        silo.AddIncomingGrainCallFilter<OperationMetrics>();
        silo.AddActivityPropagation();
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<ICatalogueSweeperGrain>(0).Start());
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<ILoanNoticeSweeperGrain>(0).Start());
        // Inspections: reminders are re-armed from durable state (in memory on the embedded default).
        silo.Services.AddOptions<InspectionOptions>().BindConfiguration(InspectionOptions.Section)
            .Validate(o => o.PeriodMonths is >= 1 and <= 12 && o.DueLead >= TimeSpan.Zero && o.CheckPeriod > TimeSpan.Zero && o.ReportsKept >= 1,
                "Inspections: PeriodMonths 1..12, DueLead not negative, CheckPeriod positive, ReportsKept at least 1.")
            .ValidateOnStart();
        silo.Services.AddSingleton<InspectionMetrics>();
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<IInspectionSchedulerGrain>(0).ArmAll());
        // Import jobs that were running when the cluster stopped go on (SQLite has no durable reminders).
        silo.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        silo.Services.AddSingleton<ImportMetrics>();
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<IImportRegistryGrain>(0).WakeAll());
        silo.AddArchiveNotifications();
        // E-mail notices: the SMTP sender and the daily digest (docs/notifications.md).
        silo.AddArchiveEmail();
        // The audit log's signed checkpoints: written at start, every period and on demand.
        silo.AddArchiveAuditCheckpoints(storage);
        if (storage.Kind == ArchiveStorageSettings.PostgresKind)
        {
            var database = ArchivePostgres.DataSource(storage.PostgresConnectionString!);
            silo.AddArchivePostgresStorage(StateNames.Provider, database);
            silo.UseAdoNetReminderService(reminders =>
            {
                reminders.Invariant = ArchiveStorageSiloBuilderExtensions.PostgresInvariant;
                reminders.DataSource = database;
            });
            return silo;
        }
        silo.AddArchiveSqliteStorage(StateNames.Provider, storage.Sqlite.Path, storage.Sqlite.Synchronous);
        silo.UseInMemoryReminderService(); // SQLite has no reminder provider; due dates live in grain state
        return silo;
    }

    /// <summary>Silos find each other through PostgreSQL's membership table, tuned to notice a dead silo in about two seconds.</summary>
    private static void UseArchiveAdoNetMembership(this ISiloBuilder silo, ArchiveSiloOptions options, ArchiveStorageSettings storage)
    {
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = ArchiveStorageSiloBuilderExtensions.PostgresInvariant;
            clustering.ConnectionString = storage.PostgresConnectionString
                ?? throw new InvalidOperationException("Cluster:Membership=AdoNet needs Cluster:Storage=Postgres and ConnectionStrings:Archive.");
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
            if (options.AdvertisedAddress is { Length: > 0 } address)
            {
                endpoints.AdvertisedIPAddress = System.Net.IPAddress.Parse(address);
            }
        });
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            var detection = options.FailureDetection;
            membership.ProbeTimeout = detection.ProbeTimeout;
            membership.NumMissedProbesLimit = detection.NumMissedProbesLimit;
            membership.TableRefreshTimeout = detection.TableRefreshTimeout;
            membership.IAmAliveTablePublishTimeout = detection.IAmAliveTablePublishTimeout;
            membership.ExtendProbeTimeoutDuringDegradation = detection.ExtendProbeTimeoutDuringDegradation;
        });
    }
}
