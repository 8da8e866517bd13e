using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Telemetry;

/// <summary>
/// The app's own instruments, on one meter. Callers pass low-cardinality tags only (declared slugs, fixed outcome words,
/// status codes) in a <see cref="TagList"/>, which lives on the stack: a request pays a counter increment, no allocation.
/// The gauges read the owners' <see cref="IStateGauge"/>s through a cache (<see cref="CachedGauge"/>).
/// </summary>
public sealed class AppMetrics
{
    // Seconds: the latencies that matter here range from a millisecond (a poll) to the product's timeout.
    private static readonly InstrumentAdvice<double> LatencyBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    // A status tag boxed once per code, not once per poll.
    private static readonly object[] BoxedStatuses = [.. Enumerable.Range(0, 600).Select(code => (object)code)];

    private static readonly InstrumentAdvice<int> ItemBuckets = new() { HistogramBucketBoundaries = [0, 1, 5, 10, 25, 50, 100, 500] };

    private readonly Counter<long> _polls;
    private readonly Histogram<double> _pollDuration;
    private readonly Histogram<int> _pollItems;
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _actions;
    private readonly Histogram<double> _actionDuration;
    private readonly Counter<long> _productCalls;
    private readonly Histogram<double> _productCallDuration;
    private readonly Counter<long> _jobFailures;

    public AppMetrics(IMeterFactory meters, IEnumerable<IStateGauge> gauges, IOptions<TelemetryOptions> options, TimeProvider clock,
        ILogger<AppMetrics> logger)
    {
        Meter = meters.Create(AppTelemetry.MeterName);
        _polls = Meter.CreateCounter<long>("adminportal.polls", "{poll}", "IFTTT's trigger polls, by trigger and HTTP status.");
        _pollDuration = Meter.CreateHistogram("adminportal.poll.duration", "s", "Time to answer a trigger poll.", advice: LatencyBuckets);
        _pollItems = Meter.CreateHistogram("adminportal.poll.items", "{item}", "Items a trigger poll returned.", advice: ItemBuckets);
        _ingested = Meter.CreateCounter<long>("adminportal.ingest.events", "{event}",
            "Events offered for storing, by outcome: stored, duplicate, skipped (user not linked), invalid (batch refused).");
        _deliveries = Meter.CreateCounter<long>("adminportal.realtime.deliveries", "{batch}",
            "Realtime batch attempts, by outcome: delivered, retry, failed (given up), skipped (realtime off).");
        _actions = Meter.CreateCounter<long>("adminportal.actions", "{action}", "Action runs, by action and outcome: success, skip, error.");
        _actionDuration = Meter.CreateHistogram("adminportal.action.duration", "s", "Time to run an action.", advice: LatencyBuckets);
        _productCalls = Meter.CreateCounter<long>("adminportal.product.calls", "{call}",
            "HTTP calls to the product, by purpose (action, options, validate, query, poll) and outcome.");
        _productCallDuration = Meter.CreateHistogram("adminportal.product.call.duration", "s", "Time of one HTTP call to the product.",
            advice: LatencyBuckets);
        _jobFailures = Meter.CreateCounter<long>("adminportal.jobs.failures", "{failure}", "Background job runs that threw, by job.");

        foreach (var gauge in gauges)
        {
            var cached = new CachedGauge(gauge, options.Value.GaugeRefresh, clock, logger);
            Meter.CreateObservableGauge(gauge.Name, cached.Observe, gauge.Unit, gauge.Description);
        }
    }

    public Meter Meter { get; }

    public void Poll(string trigger, int status, TimeSpan elapsed, int? items)
    {
        var tags = new TagList { { "trigger", trigger }, { "status", (uint)status < BoxedStatuses.Length ? BoxedStatuses[status] : status } };
        _polls.Add(1, tags);
        _pollDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("trigger", trigger));
        if (items is { } count)
        {
            _pollItems.Record(count, new KeyValuePair<string, object?>("trigger", trigger));
        }
    }

    public void Ingested(string outcome, long count)
    {
        if (count > 0)
        {
            _ingested.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void RealtimeDelivery(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Action(string action, string outcome, TimeSpan elapsed)
    {
        _actions.Add(1, new TagList { { "action", action }, { "outcome", outcome } });
        _actionDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("action", action));
    }

    public void ProductCall(string purpose, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "purpose", purpose }, { "outcome", outcome } };
        _productCalls.Add(1, tags);
        _productCallDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void JobFailed(string job) => _jobFailures.Add(1, new KeyValuePair<string, object?>("job", job));
}
