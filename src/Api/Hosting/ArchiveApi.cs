using Microsoft.AspNetCore.HttpLogging;
using BranchArchive.Api.Apis;
using BranchArchive.Api.Auth;
using BranchArchive.Api.Http;
using BranchArchive.Api.OpenApi;
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
        var maxBody = RequestLimits.MaxBodyBytes(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            kestrel.AddServerHeader = false; // says nothing of what the archive runs on
        });

        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => JsonSetup.Configure(json.SerializerOptions));
        // Malformed bodies throw BadHttpRequestException, answered as problem+json by the handler below.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (context.ProblemDetails is { Detail: null, Status: { } status })
            {
                // The framework's own problems (401, 404, 405, ...): the contract's title, and a detail.
                context.ProblemDetails.Title = Problems.TitleOf(status);
                context.ProblemDetails.Detail = Problems.DefaultDetailOf(status, context.HttpContext);
            }
        });
        services.AddExceptionHandler<ArchiveExceptionHandler>();
        services.AddArchiveAuthentication(builder.Configuration, builder.Environment);
        services.AddArchiveHealthChecks();
        services.AddRequestLog();
        services.AddWriteRateLimits(builder.Configuration);
        DenialLimits.AddDenialLimits(services, builder.Configuration);
        services.AddArchiveOpenApi();
        services.AddArchiveScans((builder.Configuration.GetSection(ArchiveSiloOptions.Section).Get<ArchiveSiloOptions>() ?? new()).Sqlite.Path);
        services.AddArchiveTelemetry(builder.Configuration, "branch-archive-api")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());
    }

    private static void UseMiddleware(WebApplication app)
    {
        app.UseResponseHygiene();
        app.UseHttpLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRequestIdForGrains();
        app.UseAccessPurpose();
        DenialLimits.UseDenialLimits(app);
        app.UseAuthorization();
        app.UseRateLimiter();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapArchiveOpenApi();
        app.MapHealthApi();
        // For the cluster's Prometheus; keep it off the public ingress (deploy/k8s routes only /api).
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().WithHttpLogging(HttpLoggingFields.None);
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(ArchivePolicies.Operate);
        if (app.Services.GetRequiredService<AuthOptions>().DevTokens)
        {
            app.MapDevTokenApi();
        }
        app.MapBranchesApi();
        app.MapFilesApi();
        app.MapCirculationApi();
        app.MapReadingRequestsApi();
        app.MapCopyRequestsApi();
        app.MapMissingFilesApi();
        app.MapNotificationsApi();
        app.MapNotificationSubscriptionsApi();
        app.MapStaffApi();
        app.MapBorrowersApi();
        app.MapAuditApi();
        app.MapAccessLogApi();
        app.MapInventoryApi();
        app.MapClassificationApi();
        app.MapAccessRequestsApi();
        app.MapRepairsApi();
        app.MapRetentionApi();
        app.MapScansApi();
        app.MapInspectionsApi();
        app.MapImportsApi();
        app.MapClusterApi();
        app.MapStaffWebApp();
    }
}
