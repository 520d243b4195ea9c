using BranchArchive.Testing;
using BranchArchive.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Api.Tests.Support;

/// <summary>The real API app (with its in-process silo) listening on a loopback port in this process.</summary>
public sealed class ArchiveHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ArchiveHost(WebApplication app, ArchiveSettings settings, Uri address)
    {
        _app = app;
        Settings = settings;
        Client = ArchiveClient.CheckingContract(address, TimeSpan.FromSeconds(60));
    }

    /// <summary>The command-line switch a developer's <c>dotnet run</c> gets from the launch profile.</summary>
    public const string DevelopmentEnvironment = "--environment=Development";

    public ArchiveSettings Settings { get; }

    public ArchiveClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ArchiveHost> StartAsync(
        ArchiveSettings? settings = null, bool devTokens = true, Dictionary<string, string?>? extra = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        settings ??= await ArchiveSettings.FreshAsync();
        // Dev tokens run only in Development (the API refuses them anywhere else); without them the
        // archive runs as in production.
        var app = ArchiveApi.Build(devTokens ? [DevelopmentEnvironment] : [], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings.ToConfiguration(devTokens));
            builder.Configuration.AddInMemoryCollection(extra ?? []);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ArchiveHost(app, settings, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// One archive shared by a test collection; tests use their own branch codes. Where its database
/// (PostgreSQL) is missing outside CI, the collection's tests are skipped with the reason.
/// </summary>
public abstract class ArchiveHostFixture(string storage) : IAsyncLifetime
{
    private ArchiveHost? _host;
    private string? _unavailable;

    public ArchiveHost Host
    {
        get
        {
            Skip.If(_unavailable is not null, _unavailable);
            return _host ?? throw new InvalidOperationException("Not started.");
        }
    }

    public ArchiveClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        ArchiveSettings settings;
        try
        {
            settings = await ArchiveSettings.FreshAsync(storage);
        }
        catch (SkipException skip)
        {
            _unavailable = skip.Message;
            return;
        }
        _host = await ArchiveHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

public sealed class SqliteArchiveHostFixture() : ArchiveHostFixture(TestStorage.Sqlite);

public sealed class PostgresArchiveHostFixture() : ArchiveHostFixture(TestStorage.Postgres);

[CollectionDefinition(Name)]
public sealed class ArchiveHostCollection : ICollectionFixture<SqliteArchiveHostFixture>
{
    public const string Name = "archive on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresArchiveHostCollection : ICollectionFixture<PostgresArchiveHostFixture>
{
    public const string Name = "archive on PostgreSQL";
}
