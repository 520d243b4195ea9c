using System.Globalization;
using BranchArchive.WebApp.Api;
using BranchArchive.WebApp.HeadOffice;
using BranchArchive.WebApp.Shared;
using BranchArchive.WebApp.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace BranchArchive.WebApp;

/// <summary>
/// Adds the staff web app to the API's host: <c>builder.AddStaffWebApp()</c> and
/// <c>app.MapStaffWebApp()</c>. The app is served at <c>/</c>; its server side calls the API
/// over HTTP like any other client.
/// </summary>
public static class StaffWebApp
{
    /// <summary>The languages of the app; the first is the fallback.</summary>
    public static readonly string[] Cultures = ["en", "zh-Hans"];

    /// <summary>Paths that belong to the API or the operators, not to the web app (no cookie, no culture).</summary>
    private static readonly PathString[] NotWebApp = ["/api", "/dev", "/health", "/openapi", "/metrics", "/dashboard"];

    public static WebApplicationBuilder AddStaffWebApp(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebAppOptions.Section).Get<WebAppOptions>() ?? new WebAppOptions();
        builder.Services.Configure<WebAppOptions>(builder.Configuration.GetSection(WebAppOptions.Section));
        if (!options.Enabled)
        {
            return builder;
        }
        // The app's scripts and styles come from its own build output and MudBlazor's package, served by this process.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddCascadingAuthenticationState();
        if (options.DataProtectionKeysPath is { Length: > 0 } keys)
        {
            // Several API pods read each other's cookies and sign-in state: they share the keys.
            services.AddDataProtection().SetApplicationName("branch-archive-web").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        services.AddStaffCookie();
        OrganisationSignIn.AddOrganisationSignIn(services, builder.Configuration, options.Oidc);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiAddress>();
        services.AddScoped<StaffSession>();
        services.AddScoped<ProblemText>();
        services.AddHttpClient<ApiConnection>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient<DevTokenClient>();
        services.AddScoped<FilesClient>();
        services.AddScoped<CirculationClient>();
        services.AddScoped<ApprovalRequestsClient>();
        services.AddScoped<NotificationsClient>();
        services.AddScoped<BranchesClient>();
        services.AddScoped<InventoryClient>();
        services.AddScoped<InspectionsClient>();
        services.AddScoped<AccessClient>();
        // Head office
        services.AddScoped<AuditClient>();
        services.AddScoped<AccessLogClient>();
        services.AddScoped<ImportsClient>();
        services.AddScoped<RetentionClient>();
        services.AddScoped<ClassificationClient>();
        services.AddScoped<RepairsClient>();
        services.AddScoped<ScansClient>();
        services.AddScoped<StaffClient>();
        services.AddScoped<Words>();
        // Operators
        services.AddScoped<ClusterClient>();
        return builder;
    }

    public static WebApplication MapStaffWebApp(this WebApplication app)
    {
        if (app.Services.GetService<ApiAddress>() is null)
        {
            return app;
        }
        app.UseWhen(IsWebApp, web =>
        {
            if (HasCultureData())
            {
                web.UseRequestLocalization(localization =>
                {
                    localization.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
                    localization.FallBackToParentCultures = true;
                    localization.FallBackToParentUICultures = true;
                    // A choice made with the switch wins over the browser's language.
                    localization.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
                });
            }
        });
        app.UseAntiforgery();
        // The manifest is written by the build of the hosting project (src/Api); a test host that
        // runs the API in its own process has none, and serves the pages without their styles.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            app.MapStaticAssets(manifest);
        }
        app.MapSignInEndpoints();
        app.MapHeadOfficeEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(StaffCookie.Policy);
        return app;
    }

    private static bool IsWebApp(HttpContext context) =>
        !NotWebApp.Any(prefix => context.Request.Path.StartsWithSegments(prefix));

    /// <summary>False where the process runs with invariant globalization (e.g. a test host): the app then speaks English only.</summary>
    private static bool HasCultureData()
    {
        try
        {
            return CultureInfo.GetCultureInfo("zh-Hans").NativeName != CultureInfo.InvariantCulture.NativeName;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
