using BranchArchive.Testing;

namespace BranchArchive.Cluster.Tests;

/// <summary>A running production topology, as processes (ProductionCluster) or containers (ContainerCluster).</summary>
public interface IArchiveCluster
{
    ArchiveClient Api { get; }

    /// <summary>The key the API checks tokens with (Auth:SigningKey).</summary>
    string SigningKey { get; }

    /// <summary>Which silo (by silo port) each activated customer file lives on.</summary>
    Task<Dictionary<string, int>> FileLocationsAsync();
}
