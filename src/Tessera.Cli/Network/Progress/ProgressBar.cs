using System.Globalization;
using System.Text;

namespace Tessera.Cli.Network.Progress;

/// <summary>
/// One line of a transfer's progress for a terminal: a bar, instances done/total, bytes (when known), the rate and the
/// time left at that rate. Pure: the same counts and elapsed time give the same text.
/// </summary>
internal static class ProgressBar
{
    public const int BarWidth = 24;

    public static string Render(long done, long total, long? bytes, TimeSpan elapsed)
    {
        var line = new StringBuilder(96);
        var fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        var filled = (int)Math.Floor(fraction * BarWidth);
        line.Append('[').Append('#', filled).Append('.', BarWidth - filled).Append("] ");
        line.Append(CultureInfo.InvariantCulture, $"{done}/{total} ({fraction * 100:0}%)");
        var seconds = elapsed.TotalSeconds;
        if (bytes is { } b)
        {
            line.Append(CultureInfo.InvariantCulture, $"  {Mebibytes(b)}");
            line.Append(seconds > 0 ? $"  {Mebibytes((long)(b / seconds))}/s" : "  -- MiB/s");
        }
        else
        {
            line.Append(seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"  {done / seconds:0.0}/s") : "  --/s");
        }

        line.Append("  ETA ").Append(Eta(done, total, elapsed));
        return line.ToString();
    }

    /// <summary>The time left if the rest goes at the average rate so far; "--:--" before anything is done.</summary>
    internal static string Eta(long done, long total, TimeSpan elapsed)
    {
        if (done <= 0 || total <= 0)
        {
            return "--:--";
        }

        var left = TimeSpan.FromSeconds(Math.Max(0, total - done) * elapsed.TotalSeconds / done);
        return left.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours}:{left.Minutes:00}:{left.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{left.Minutes}:{left.Seconds:00}");
    }

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");
}
