using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// Records the delivery pipeline's measurements (<c>archive.notices.*</c>) of one silo (its meter
/// factory: other tests' clusters in this process publish the same instruments) while it lives.
/// </summary>
public sealed class NoticeMetricsListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measurements = new();

    public NoticeMetricsListener(IServiceProvider silo)
    {
        var scope = silo.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OperationMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name.StartsWith("archive.notices.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    /// <summary>The sum of a counter's increments (or of a histogram's recorded values).</summary>
    public double Sum(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    public IReadOnlyList<double> Values(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    /// <summary>Reads the observable gauges now and answers the last value of <paramref name="instrument"/>.</summary>
    public double? Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument).Select(m => (double?)m.Value).LastOrDefault();
    }

    public void Dispose() => _listener.Dispose();
}
