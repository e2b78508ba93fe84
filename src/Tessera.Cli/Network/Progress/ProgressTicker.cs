namespace Tessera.Cli.Network.Progress;

/// <summary>
/// The progress of a long run on stderr until <c>done</c> fires: on a terminal a <see cref="TerminalProgress"/> bar
/// redrawn in place, ending with the final counts on a line of their own; redirected, a line every
/// <see cref="RedirectedInterval"/> (a log should not fill with redraws). Shared by `store` and `import`.
/// </summary>
internal static class ProgressTicker
{
    /// <summary>A progress line on a redirected stderr this often, once a run lasts longer than that.</summary>
    public static readonly TimeSpan RedirectedInterval = TimeSpan.FromSeconds(5);

    /// <param name="terminal">stderr is a terminal (draw the bar).</param>
    /// <param name="lines">stderr; on a terminal a <see cref="BarClearingWriter"/>, so that messages do not run on from the bar.</param>
    /// <param name="counts">Files done and to do, and bytes done when known: read at every tick.</param>
    /// <param name="line">The redirected progress line for the time elapsed.</param>
    /// <param name="done">Fires when the run is over.</param>
    public static async Task RunAsync(bool terminal, TextWriter lines, Func<(long Done, long Total, long? Bytes)> counts, Func<TimeSpan, string> line, CancellationToken done)
    {
        var bar = terminal ? new TerminalProgress(lines) : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new PeriodicTimer(terminal ? TerminalProgress.MinimumInterval : RedirectedInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(done).ConfigureAwait(false))
            {
                if (bar is null)
                {
                    await lines.WriteLineAsync(line(clock.Elapsed)).ConfigureAwait(false);
                }
                else
                {
                    var (finished, total, bytes) = counts();
                    bar.Update(finished, total, bytes);
                }
            }
        }
        catch (OperationCanceledException)
        {
            if (bar is not null)
            {
                // The run is over: the final counts, then what follows on a line of its own.
                var (finished, total, bytes) = counts();
                bar.Update(finished, total, bytes, force: true);
                bar.Complete();
            }
        }
    }
}
