using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Scans;

namespace BranchArchive.Persistence.Scans;

/// <summary>What the scan store takes in: uploads by outcome, the bytes newly stored, and scan sizes.</summary>
public sealed class ScanMetrics
{
    private readonly Counter<long> _writes;
    private readonly Counter<long> _bytesStored;
    private readonly Histogram<long> _size;

    public ScanMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(StorageMetrics.MeterName);
        _writes = meter.CreateCounter<long>("archive.scans.writes", "{scan}", "Scans offered to the store, by outcome (Stored, AlreadyStored, TooLarge, …).");
        _bytesStored = meter.CreateCounter<long>("archive.scans.stored_bytes", "By", "Bytes newly written to the scan store (identical content is counted once).");
        _size = meter.CreateHistogram<long>("archive.scans.size", "By", "Size of the scans kept, new or already stored.");
    }

    public void Record(ScanWrite write)
    {
        _writes.Add(1, new KeyValuePair<string, object?>("outcome", write.Outcome.ToString()));
        if (write.Outcome == ScanWriteOutcome.Stored)
        {
            _bytesStored.Add(write.Size);
        }
        if (write.Kept)
        {
            _size.Record(write.Size);
        }
    }
}
