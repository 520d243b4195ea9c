using System.Diagnostics;
using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task A_checkout_is_one_trace_with_the_grain_calls_under_the_http_span()
    {
        var spans = new List<Activity>();
        await using var host = await ArchiveHost.StartAsync(configure: builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var id = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString();

        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] snapshot;
        lock (spans)
        {
            snapshot = [.. spans];
        }
        // Listeners are process-wide: hosts of tests running in parallel trace here too, so pick
        // this checkout's request by its path.
        var http = Assert.Single(snapshot, s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/files/{id}/checkout"
            && s.GetTagItem("url.path") as string == $"/api/files/{id}/checkout");
        var grainSpans = snapshot.Where(s => s.TraceId == http.TraceId && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.Contains(grainSpans, s => s.DisplayName.Contains("CheckOut", StringComparison.Ordinal));
        Assert.All(grainSpans, s => Assert.True(DescendsFrom(s, http, snapshot), $"{s.DisplayName} is not under the HTTP span."));
    }

    [Fact]
    public async Task Metrics_are_served_for_prometheus_with_the_archives_operations()
    {
        await using var host = await ArchiveHost.StartAsync();
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var id = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        await ExpectProblem(HttpStatusCode.Conflict, api.Post($"/api/files/{id}/checkout", clerk, Checkout()));

        // The gauges read the catalogue every 30 s; take a reading now instead of waiting.
        await host.Services.GetRequiredService<BranchArchive.Grains.Telemetry.InventoryGauges>().RefreshAsync();
        var text = await api.Http.GetStringAsync("/metrics");

        // The exporter listens process-wide, and other tests' archives in this process publish the
        // same gauge; read this host's own instrument for the value, the scrape for the names.
        Assert.Contains("archive_loans_open", text);
        Assert.Equal(1L, ObserveOwnGauge(host, "archive.loans.open"));
        Assert.Contains("archive_loans_overdue", text);
        Assert.Contains("archive_files_in_transit", text);
        Assert.Contains("archive_operations", text);
        Assert.Contains("operation=\"CheckOut\"", text);
        Assert.Contains("outcome=\"Conflict\"", text);
        Assert.Contains("http_server_request_duration", text);
    }

    private static long? ObserveOwnGauge(ArchiveHost host, string name)
    {
        var ownMeters = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        long? value = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == name && ReferenceEquals(instrument.Meter.Scope, ownMeters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private static bool DescendsFrom(Activity span, Activity ancestor, IReadOnlyList<Activity> all)
    {
        for (var current = span; current is not null; current = all.FirstOrDefault(a => a.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }
}
