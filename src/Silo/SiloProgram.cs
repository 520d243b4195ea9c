using BranchArchive.Grains.Retention;
using BranchArchive.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Metrics;

namespace BranchArchive.Silo;

/// <summary>
/// A silo process on its own, for a cluster whose API runs as a separate Orleans client.
/// <c>migrate</c> creates or upgrades the database schema and exits; <c>rebuild-catalogue</c>
/// also refills head office's catalogue from the stored grain state.
/// </summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        string[] commands = ["migrate", "rebuild-catalogue"];
        var command = args.FirstOrDefault(commands.Contains);
        var builder = WebApplication.CreateBuilder(args.Where(a => !commands.Contains(a)).ToArray());
        var options = builder.Configuration.GetSection(ArchiveSiloOptions.Section).Get<ArchiveSiloOptions>() ?? new();
        var storage = ArchiveStorageSettings.From(options, builder.Configuration);
        if (command is not null)
        {
            await ArchiveMigrations.ApplyAsync(storage);
            Console.WriteLine($"The {options.Storage} schema is up to date.");
            if (command == "rebuild-catalogue")
            {
                var files = await CatalogueRebuild.RunAsync(storage, options.ServiceId,
                    builder.Configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>());
                Console.WriteLine($"The catalogue was rebuilt from {files} stored files.");
            }
            return 0;
        }

        builder.UseOrleans(silo =>
        {
            silo.UseArchiveSilo(builder.Configuration);
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")))
            {
                // In Kubernetes: endpoints, silo name and cluster ids from the pod; defunct pods cleaned up.
                silo.UseKubernetesHosting();
            }
        });
        // Orleans hands its grains over to other silos on shutdown; give it time (the pod's grace period is longer).
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(120));
        builder.Services.AddArchiveTelemetry(builder.Configuration, "branch-archive-silo")
            .WithMetrics(metrics => metrics.AddPrometheusExporter());
        // The silo's one HTTP port: health for Kubernetes, /metrics for Prometheus (SiloHealth).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(options.HttpPort));
        builder.Services.AddSiloHealth(storage);

        var app = builder.Build();
        app.MapSiloHealth();
        await app.RunAsync();
        return 0;
    }
}
