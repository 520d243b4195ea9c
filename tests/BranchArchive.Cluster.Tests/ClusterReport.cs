using BranchArchive.Testing;

namespace BranchArchive.Cluster.Tests;

/// <summary>
/// Figures the cluster tests measured, written to <c>TestResults/cluster-report.txt</c> at the
/// repository root so CI prints them (a passing test's output is otherwise not shown).
/// </summary>
public static class ClusterReport
{
    private static readonly object Gate = new();

    public static void Write(string test, string figures)
    {
        var folder = Path.Combine(RepositoryFolder.Root(), "TestResults");
        Directory.CreateDirectory(folder);
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(folder, "cluster-report.txt"), $"{DateTime.UtcNow:u} {test}: {figures}{Environment.NewLine}");
        }
    }
}
