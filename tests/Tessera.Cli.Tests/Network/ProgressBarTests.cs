using Tessera.Cli.Network.Progress;

namespace Tessera.Cli.Tests.Network;

/// <summary>The progress line of store/get/move on a terminal: bar, counts, bytes, rate and time left.</summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void Half_way_with_bytes_shows_rate_and_eta()
    {
        var line = ProgressBar.Render(50, 100, 20 * 1048576L, TimeSpan.FromSeconds(10));

        Assert.Equal("[############............] 50/100 (50%)  20.0 MiB  2.0 MiB/s  ETA 0:10", line);
    }

    [Fact]
    public void Without_bytes_the_rate_is_in_instances()
    {
        var line = ProgressBar.Render(30, 40, null, TimeSpan.FromSeconds(20));

        Assert.Equal("[##################......] 30/40 (75%)  1.5/s  ETA 0:06", line);
    }

    [Fact]
    public void Nothing_done_yet_has_no_eta_and_no_rate()
    {
        var line = ProgressBar.Render(0, 7, 0, TimeSpan.Zero);

        Assert.Equal("[........................] 0/7 (0%)  0.0 MiB  -- MiB/s  ETA --:--", line);
    }

    [Fact]
    public void Done_is_a_full_bar_and_no_time_left()
    {
        var line = ProgressBar.Render(7, 7, 1048576, TimeSpan.FromSeconds(2));

        Assert.Equal("[########################] 7/7 (100%)  1.0 MiB  0.5 MiB/s  ETA 0:00", line);
    }

    [Theory]
    [InlineData(1, 3601, 1, "1:00:00")]
    [InlineData(10, 100, 60, "9:00")]
    [InlineData(0, 100, 60, "--:--")]
    public void Eta_is_the_rest_at_the_average_rate(long done, long total, int seconds, string expected) =>
        Assert.Equal(expected, ProgressBar.Eta(done, total, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Redraws_are_throttled_to_ten_a_second()
    {
        using var error = new StringWriter();
        var bar = new TerminalProgress(error);
        for (var i = 0; i < 1000; i++)
        {
            bar.Update(i, 1000, null);
        }

        bar.Update(1000, 1000, null, force: true);
        bar.Complete();

        var draws = error.ToString().Count(c => c == '\r');
        Assert.InRange(draws, 2, 2 + (int)(bar.Elapsed / TerminalProgress.MinimumInterval));
        Assert.Contains("1000/1000 (100%)", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_erases_the_bar_instead_of_running_on_from_it()
    {
        using var error = new StringWriter();
        var writer = new BarClearingWriter(error);
        new TerminalProgress(writer).Update(1, 2, null);
        writer.WriteLine("tessera store: x.dcm: not sent");

        Assert.Contains("ETA 0:00\u001b[K\r\u001b[Ktessera store: x.dcm: not sent" + Environment.NewLine, error.ToString(), StringComparison.Ordinal);
    }
}
