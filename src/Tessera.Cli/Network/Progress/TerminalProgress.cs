using System.Diagnostics;

namespace Tessera.Cli.Network.Progress;

/// <summary>
/// Redraws a <see cref="ProgressBar"/> line in place on a terminal's stderr ("\r", then erase to end of line), at most
/// every <see cref="MinimumInterval"/>, so that thousands of updates a second cost a few writes.
/// </summary>
internal sealed class TerminalProgress(TextWriter error)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _lastDrawn = TimeSpan.MinValue;
    private bool _drawn;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Draws the line unless the last one was drawn less than <see cref="MinimumInterval"/> ago (or <paramref name="force"/>).</summary>
    public void Update(long done, long total, long? bytes, bool force = false)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (!force && _drawn && now - _lastDrawn < MinimumInterval)
            {
                return;
            }

            _lastDrawn = now;
            _drawn = true;
            error.Write("\r" + ProgressBar.Render(done, total, bytes, now) + "\u001b[K");
            error.Flush();
        }
    }

    /// <summary>Ends the line, so that what follows starts on its own.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                error.WriteLine();
                _drawn = false;
            }
        }
    }
}
