using System.Collections.Concurrent;
using System.Diagnostics;

namespace BranchArchive.Testing;

/// <summary>
/// One of the archive's programs (the API or a silo) as its own operating-system process, started
/// from its publish output with settings as environment variables, so a test can kill it with
/// SIGKILL (a crash: no shutdown hooks, no flushing) or stop it with SIGTERM (a graceful stop).
/// </summary>
public sealed class ProgramProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ProgramProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process printed, for a failing test's message.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <param name="program">"Api" or "Silo": the project under src/.</param>
    public static ProgramProcess Start(string program, string name, IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var assembly = Locate(program);
        var start = new ProcessStartInfo("dotnet", [assembly, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        return new ProgramProcess(Process.Start(start)!, name);
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (what Kubernetes sends), and wait until the process has shut down.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await signal.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>
    /// The program's publish output (what the images ship), published with the same configuration
    /// as the tests by BranchArchive.Testing.csproj after every build.
    /// </summary>
    private static string Locate(string program)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var assembly = Path.Combine(RepositoryFolder.Root(), "src", program, "bin", configuration, framework, "publish", $"BranchArchive.{program}.dll");
        return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the tests first: their build publishes the programs.", assembly);
    }
}
