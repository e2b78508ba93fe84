using Tessera.Cli.Network.Progress;

namespace Tessera.Cli.Tests.Network;

/// <summary>The progress shared by store and import: a bar on a terminal, a line now and then when redirected.</summary>
public sealed class ProgressTickerTests
{
    [Fact]
    public async Task On_a_terminal_the_bar_is_redrawn_and_ends_with_the_final_counts_on_its_own_line()
    {
        var buffer = new StringWriter();
        var error = TextWriter.Synchronized(buffer);
        using var done = new CancellationTokenSource();
        long finished = 1;

        var ticker = ProgressTicker.RunAsync(true, error, () => (Interlocked.Read(ref finished), 4, 3 * 1048576L), _ => "unused", done.Token);

        // Until the first bar is drawn, not for a fixed time: on a loaded machine the ticker's first turn can come late.
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !Drawn(error, buffer, "1/4 (25%)") && waited.Elapsed < TimeSpan.FromSeconds(20);)
        {
            await Task.Delay(TerminalProgress.MinimumInterval);
        }

        Interlocked.Exchange(ref finished, 4);
        await done.CancelAsync();
        await ticker;

        var text = buffer.ToString();
        Assert.StartsWith("\r[", text, StringComparison.Ordinal);
        Assert.Contains("1/4 (25%)", text, StringComparison.Ordinal);
        Assert.Contains("] 4/4 (100%)  3.0 MiB", text[text.LastIndexOf('\r')..], StringComparison.Ordinal);
        Assert.EndsWith("\u001b[K" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_nothing_is_written_before_the_interval_and_no_bar_ever()
    {
        var error = new StringWriter();
        using var done = new CancellationTokenSource();

        var ticker = ProgressTicker.RunAsync(false, error, () => (1, 2, null), elapsed => $"line {elapsed}", done.Token);
        await Task.Delay(TerminalProgress.MinimumInterval * 3);
        await done.CancelAsync();
        await ticker;

        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), ProgressTicker.RedirectedInterval);
    }

    /// <summary>Whether <paramref name="text"/> was written; a synchronized writer locks on itself, so reading under that lock is safe.</summary>
    private static bool Drawn(TextWriter synchronized, StringWriter buffer, string text)
    {
        lock (synchronized)
        {
            return buffer.ToString().Contains(text, StringComparison.Ordinal);
        }
    }
}
