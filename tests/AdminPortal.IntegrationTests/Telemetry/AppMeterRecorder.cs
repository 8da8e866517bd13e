using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AdminPortal.Features.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Telemetry;

/// <summary>
/// Listens to one host's <c>AdminPortal</c> meter in process. A meter made by a host's <see cref="IMeterFactory"/> has
/// that factory as its scope, so measurements of the other test hosts running beside it are not counted.
/// </summary>
public sealed class AppMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();

    public AppMeterRecorder(IServiceProvider services)
    {
        _ = services.GetRequiredService<AppMetrics>(); // the instruments exist before the listener starts
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Meter.Name == AppTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public bool Has(params (string Key, object Value)[] tags) => tags.All(t => Equals(Tags.GetValueOrDefault(t.Key), t.Value));
    }

    /// <summary>The sum of what an instrument recorded with (at least) these tags.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        _recorded.Where(r => r.Instrument == instrument && r.Has(tags)).Sum(r => r.Value);

    public IReadOnlyList<Recorded> Of(string instrument, params (string Key, object Value)[] tags) =>
        [.. _recorded.Where(r => r.Instrument == instrument && r.Has(tags))];

    /// <summary>Asks the observable gauges for their values now, as a scrape would.</summary>
    public IReadOnlyList<Recorded> Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return Of(instrument);
    }

    /// <summary>Waits for what is recorded after the response (poll metrics are recorded when it has completed).</summary>
    public Task<double> EventuallySumAsync(string instrument, double atLeast, params (string Key, object Value)[] tags) =>
        Infrastructure.IftttFactory.EventuallyAsync(() => Task.FromResult(Sum(instrument, tags)), sum => sum >= atLeast);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }
        _recorded.Enqueue(new Recorded(instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
