using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Interop.Tests.Support;

/// <summary>
/// A server process (tessera receive, storescp, dcmqrscp…) for the length of a test: output collected,
/// stopped by its own PID on dispose — SIGTERM first, so a graceful stop is exercised, then SIGKILL.
/// </summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _waiters = [];

    private BackgroundProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static BackgroundProcess Start(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var background = new BackgroundProcess(new Process { StartInfo = start });
        background._process.OutputDataReceived += (_, e) => background.OnLine(e.Data);
        background._process.ErrorDataReceived += (_, e) => background.OnLine(e.Data);
        background._process.Start();
        background._process.BeginOutputReadLine();
        background._process.BeginErrorReadLine();
        return background;
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/> (already printed or still to come).</summary>
    public async Task<Match> WaitForAsync(string pattern, TimeSpan? timeout = null)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var seen = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var match = regex.Match(_output.ToString());
            if (match.Success)
            {
                return match;
            }

            _waiters.Add((regex, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{pattern}' not printed; output so far:\n{Output}");
        }
    }

    /// <summary>SIGTERM, then waits for the exit.</summary>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!await TerminateAsync(TimeSpan.FromSeconds(5)))
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
            var text = _output.ToString();
            foreach (var waiter in _waiters.ToArray())
            {
                var match = waiter.Pattern.Match(text);
                if (match.Success)
                {
                    waiter.Seen.TrySetResult(match);
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
