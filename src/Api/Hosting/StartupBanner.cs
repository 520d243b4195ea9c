using BranchArchive.Api.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BranchArchive.Api.Hosting;

/// <summary>Tells whoever started the archive where it listens and how to get in.</summary>
internal static partial class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BranchArchive");
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        LogListening(logger, url);
        var auth = app.Services.GetRequiredService<AuthOptions>();
        if (auth.DevTokens)
        {
            LogDevTokens(logger, url);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BranchArchive is listening on {Url} (OpenAPI: {Url}/openapi/v1.json)")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:DevTokens is on: anyone can get a token. Never run this way in production. " +
        "Get one with: curl -s -X POST {Url}/dev/token -H 'Content-Type: application/json' -d '{{\"sub\":\"alice\",\"roles\":[\"archivist\"]}}'")]
    private static partial void LogDevTokens(ILogger logger, string url);
}
