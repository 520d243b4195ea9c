using BranchArchive.Testing;

namespace BranchArchive.Api.Tests.Support;

/// <summary>The API (with its in-process silo) as its own process, ready to take requests.</summary>
public sealed class ArchiveProcess : IAsyncDisposable
{
    private readonly ProgramProcess _process;

    private ArchiveProcess(ProgramProcess process, Uri address)
    {
        _process = process;
        Client = ArchiveClient.CheckingContract(address, TimeSpan.FromSeconds(30));
    }

    public ArchiveClient Client { get; }

    /// <summary>The last lines the process wrote to its console.</summary>
    public IReadOnlyList<string> Output => _process.RecentOutput.Split(Environment.NewLine);

    public static async Task<ArchiveProcess> StartAsync(ArchiveSettings settings, Dictionary<string, string?>? extra = null)
    {
        var port = FreePorts.Next();
        var configuration = settings.ToConfiguration();
        foreach (var (key, value) in extra ?? [])
        {
            configuration[key] = value;
        }
        configuration["Urls"] = $"http://127.0.0.1:{port}";
        // The tests sign in with dev tokens, which the API serves only in Development.
        configuration["ASPNETCORE_ENVIRONMENT"] = "Development";
        var archive = new ArchiveProcess(ProgramProcess.Start("Api", "api", configuration), new Uri($"http://127.0.0.1:{port}"));
        await archive.Client.WaitUntilReadyAsync(() => archive._process.HasExited ? archive._process.RecentOutput : null);
        return archive;
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
