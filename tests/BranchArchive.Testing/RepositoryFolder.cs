namespace BranchArchive.Testing;

/// <summary>The checkout the tests run from: where screenshots, reports and committed documents live.</summary>
public static class RepositoryFolder
{
    /// <summary>The nearest folder above the test output that holds BranchArchive.sln.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BranchArchive.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("BranchArchive.sln not found above the test output.");
    }
}
