using BranchArchive.Api.Apis;
using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Silo.Hosting;
using BranchArchive.WebApp;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using OpenTelemetry.Trace;

namespace BranchArchive.Api.Hosting;

/// <summary>Builds the API: services, middleware and endpoints. Program and the tests both start here.</summary>
public static class ArchiveApi
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddArchiveCluster();
        AddServices(builder);
        builder.AddStaffWebApp();

        var app = builder.Build();
        UseMiddleware(app);
        MapEndpoints(app);
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var maxBody = builder.Configuration.GetValue<long?>("Api:MaxRequestBodyBytes") ?? 256 * 1024;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => JsonSetup.Configure(json.SerializerOptions));
        // Malformed bodies throw BadHttpRequestException, answered as problem+json by the handler below.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ArchiveExceptionHandler>();
        services.AddArchiveAuthentication(builder.Configuration);
        services.AddArchiveHealthChecks();
        services.AddWriteRateLimits(builder.Configuration);
        services.AddOpenApi();
        services.AddArchiveScans((builder.Configuration.GetSection(ArchiveSiloOptions.Section).Get<ArchiveSiloOptions>() ?? new()).Sqlite.Path);
        services.AddArchiveTelemetry(builder.Configuration, "branch-archive-api")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());
    }

    private static void UseMiddleware(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRequestIdForGrains();
        app.UseAuthorization();
        app.UseRateLimiter();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthApi();
        // For the cluster's Prometheus; keep it off the public ingress (deploy/k8s routes only /api).
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(ArchivePolicies.Operate);
        if (app.Services.GetRequiredService<AuthOptions>().DevTokens)
        {
            app.MapDevTokenApi();
        }
        app.MapBranchesApi();
        app.MapFilesApi();
        app.MapCirculationApi();
        app.MapNotificationsApi();
        app.MapAuditApi();
        app.MapInventoryApi();
        app.MapClassificationApi();
        app.MapRepairsApi();
        app.MapRetentionApi();
        app.MapScansApi();
        app.MapInspectionsApi();
        app.MapImportsApi();
        app.MapStaffWebApp();
    }
}
