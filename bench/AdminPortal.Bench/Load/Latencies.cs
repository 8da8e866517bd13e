using System.Diagnostics;

namespace AdminPortal.Bench.Load;

/// <summary>
/// Every latency of a run in one preallocated array (Stopwatch ticks), sorted once at the end: exact
/// percentiles, nothing allocated while measuring. Past capacity, samples are counted but not kept.
/// </summary>
public sealed class Latencies(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), _ticks.Length);

    public void Record(long ticks)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _ticks.Length)
        {
            _ticks[i] = ticks;
        }
    }

    public Percentiles Summarise()
    {
        var n = Count;
        if (n == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        Array.Sort(_ticks, 0, n);
        var sorted = _ticks;
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => Ms(sorted[Math.Clamp((int)Math.Ceiling(q * n) - 1, 0, n - 1)]);
        return new Percentiles(At(0.50), At(0.95), At(0.99), Ms(sorted[n - 1]), n);
    }
}

/// <summary>Milliseconds.</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Max, int Samples);
