using System.Collections.Concurrent;
using System.Globalization;

namespace Tessera.Cli.Network.Store;

/// <summary>What a `tessera store` run has done so far, updated from every association at once.</summary>
internal sealed class StoreTally(int total)
{
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private int _sent;
    private int _warnings;
    private int _failed;
    private long _bytes;
    private int _window;

    public int Total => total;

    public int Sent => Volatile.Read(ref _sent);

    public int Warnings => Volatile.Read(ref _warnings);

    public int Failed => Volatile.Read(ref _failed);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The smallest asynchronous operations window a peer agreed to on any association (0 before the first).</summary>
    public int Window => Volatile.Read(ref _window);

    public void Agreed(int window)
    {
        int seen;
        while (((seen = Volatile.Read(ref _window)) == 0 || window < seen) && Interlocked.CompareExchange(ref _window, window, seen) != seen)
        {
        }
    }

    /// <summary>Success or warning (PS3.4 B.2.3: a warning status means stored, with coercion or elements discarded).</summary>
    public void Stored(long bytes, bool warning)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _bytes, bytes);
        if (warning)
        {
            Interlocked.Increment(ref _warnings);
        }
    }

    /// <summary>Not stored, for <paramref name="reason"/> (a status or the local cause); reasons are counted for the summary.</summary>
    public void Failure(string reason)
    {
        Interlocked.Increment(ref _failed);
        _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    public string Progress(TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Sent + Failed}/{total} files, {Sent} sent, {Failed} failed, {Bytes / 1048576.0:0.0} MiB in {elapsed.TotalSeconds:0} s");

    /// <summary>One line per failure reason, most frequent first.</summary>
    public IEnumerable<string> FailureReasons() =>
        _failures.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Value} x {f.Key}"));
}
