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

    public static async Task<ArchiveProcess> StartAsync(ArchiveSettings settings)
    {
        var port = FreePorts.Next();
        var configuration = settings.ToConfiguration();
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
