using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BranchArchive.Grains.Telemetry;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Telemetry;

public abstract class OperationMetricsTests(ClusterFixture fixture)
{
    [SkippableFact]
    public async Task Each_grain_operation_is_counted_by_its_outcome()
    {
        var counted = new ConcurrentBag<(string Operation, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OperationMetrics.MeterName && instrument.Name == "archive.operations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? operation = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") operation = tag.Value as string;
                if (tag.Key == "outcome") outcome = tag.Value as string;
            }
            counted.Add((operation!, outcome!));
        });
        listener.Start();
        var branch = await Archive.OpenBranchWithCabinet(fixture.Client);
        var file = await Archive.RegisterFile(fixture.Client, branch);

        await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null);
        await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null);

        Assert.Contains(("CheckOut", "Ok"), counted);
        Assert.Contains(("CheckOut", "Conflict"), counted);
        Assert.Contains(("Register", "Created"), counted);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class OperationMetricsTestsOnSqlite(SqliteClusterFixture fixture) : OperationMetricsTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class OperationMetricsTestsOnPostgres(PostgresClusterFixture fixture) : OperationMetricsTests(fixture);
