namespace BranchArchive.Persistence;

/// <summary>The meter of the storage layer (group commits and their sizes), for OpenTelemetry to collect.</summary>
public static class StorageMetrics
{
    public const string MeterName = "BranchArchive.Storage";
}
