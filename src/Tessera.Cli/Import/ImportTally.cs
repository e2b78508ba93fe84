using System.Diagnostics;
using System.Globalization;
using Tessera.Archive.Ingest;
using Tessera.Cli.Network.Progress;
using Tessera.Server.Import;

namespace Tessera.Cli.Import;

/// <summary>
/// What the console shows of an import, from its <see cref="ImportEvent"/>s, whether they come from this process or
/// from the server: the progress (<see cref="ProgressTicker"/>, from the plan on), a line per refused file and path not
/// found, the summary and the exit code. Events arrive one at a time.
/// </summary>
internal sealed class ImportTally(TextWriter output, TextWriter error, bool terminal) : IAsyncDisposable
{
    private readonly int[] _outcomes = new int[Enum.GetValues<IngestOutcome>().Length];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TextWriter _lines = TextWriter.Synchronized(terminal ? new BarClearingWriter(error) : error);
    private readonly CancellationTokenSource _done = new();
    private Task? _progress;
    private int _notFound;
    private int _skipped;
    private long _files;
    private long _totalBytes;
    private long _finished;
    private long _bytes;

    public void Report(ImportEvent step)
    {
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Kind)
        {
            case ImportEventKind.Warning:
                _lines.WriteLine($"tessera import: {step.Path}: {step.Reason}");
                break;
            case ImportEventKind.NotFound:
                _notFound++;
                _lines.WriteLine($"tessera import: {step.Path}: {step.Reason}");
                break;
            case ImportEventKind.Skipped:
                _skipped++;
                break;
            case ImportEventKind.Planned:
                _files = step.Files;
                _totalBytes = step.Bytes;
                _progress ??= ProgressTicker.RunAsync(terminal, _lines, () => (Interlocked.Read(ref _finished), _files, Interlocked.Read(ref _bytes)), Progress, _done.Token);
                break;
            case ImportEventKind.File:
                _outcomes[(int)(step.Outcome ?? IngestOutcome.Failed)]++;
                Interlocked.Add(ref _bytes, step.Bytes);
                Interlocked.Increment(ref _finished);
                if (step.Outcome is IngestOutcome.Rejected or IngestOutcome.Failed or null)
                {
                    _lines.WriteLine($"tessera import: {step.Path}: {(step.Outcome ?? IngestOutcome.Failed).ToString().ToLowerInvariant()}: {step.Reason}");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A line for stderr, not the summary: the run stopped early (interrupted, server gone).</summary>
    public void Problem(string message) => _lines.WriteLine($"tessera import: {message}");

    /// <summary>Ends the progress, prints the summary and returns the exit code: 1 when a file was refused or failed or a path not found; skipped files do not count.</summary>
    public async Task<int> FinishAsync(bool complete)
    {
        await StopProgressAsync().ConfigureAwait(false);
        int Count(IngestOutcome outcome) => _outcomes[(int)outcome];
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{_files} files in {_clock.Elapsed.TotalSeconds:F1} s: {Count(IngestOutcome.Stored)} stored, {Count(IngestOutcome.NewVersion)} new versions, "
            + $"{Count(IngestOutcome.Overwritten)} overwritten, {Count(IngestOutcome.Duplicate)} duplicates, "
            + $"{Count(IngestOutcome.Rejected)} rejected, {Count(IngestOutcome.Failed) + _notFound} failed, {_skipped} skipped (not DICOM)")).ConfigureAwait(false);
        return complete && Count(IngestOutcome.Rejected) + Count(IngestOutcome.Failed) + _notFound == 0 ? ExitCodes.Success : ExitCodes.InputError;
    }

    public async ValueTask DisposeAsync()
    {
        await StopProgressAsync().ConfigureAwait(false);
        _done.Dispose();
    }

    private async Task StopProgressAsync()
    {
        if (!_done.IsCancellationRequested)
        {
            await _done.CancelAsync().ConfigureAwait(false);
        }

        if (_progress is not null)
        {
            await _progress.ConfigureAwait(false);
        }
    }

    private string Progress(TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"tessera import: {Interlocked.Read(ref _finished)}/{_files} files, {Interlocked.Read(ref _bytes) / 1048576.0:0.0} of {_totalBytes / 1048576.0:0.0} MiB in {elapsed.TotalSeconds:0} s");
}
