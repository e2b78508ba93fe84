using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tessera.Benchmarks.Archive;

/// <summary>Time spent per named step, summed over every ingest (thread-safe).</summary>
internal sealed class Spans
{
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Ticks => _ticks;

    public async ValueTask<T> TimeAsync<T>(string name, Func<ValueTask<T>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            Add(name, start);
        }
    }

    public async ValueTask TimeAsync(string name, Func<ValueTask> operation)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await operation().ConfigureAwait(false);
        }
        finally
        {
            Add(name, start);
        }
    }

    public void Add(string name, long startTimestamp) => _ticks.AddOrUpdate(name, Stopwatch.GetTimestamp() - startTimestamp, (_, total) => total + Stopwatch.GetTimestamp() - startTimestamp);

    public double Milliseconds(string name) => _ticks.TryGetValue(name, out var ticks) ? ticks * 1000.0 / Stopwatch.Frequency : 0;
}
