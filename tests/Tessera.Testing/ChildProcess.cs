using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Testing;

/// <summary>
/// A process a test runs beside itself (`tessera serve`, `tessera receive`, storescp, dcmqrscp…): its output collected,
/// waited on by pattern, signalled, killed hard (SIGKILL, as a power cut of the process) or stopped on dispose — SIGTERM
/// first, so a graceful stop is exercised, then SIGKILL.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match?> Seen)> _waiters = [];

    private ChildProcess(Process process) => _process = process;

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

    public static ChildProcess Start(string fileName, params string[] arguments) => Start(fileName, arguments, null);

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.Exited += (_, _) => child.OnExited();
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/> (already printed or still to come).</summary>
    public async Task<Match> WaitForAsync(string pattern, TimeSpan? timeout = null) =>
        await WaitForOrExitAsync(pattern, timeout).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the process ended before printing '{pattern}'; output:\n{Output}");

    /// <summary>As <see cref="WaitForAsync"/>, but null when the process ends before printing it.</summary>
    public async Task<Match?> WaitForOrExitAsync(string pattern, TimeSpan? timeout = null)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var seen = new TaskCompletionSource<Match?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var match = regex.Match(_output.ToString());
            if (match.Success)
            {
                return match;
            }

            if (_process.HasExited)
            {
                return null;
            }

            _waiters.Add((regex, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{pattern}' not printed; output so far:\n{Output}");
        }
    }

    /// <summary>Sends <paramref name="signal"/> (kill(2)); returns its result.</summary>
    public int Signal(int signal) => SendSignal(_process.Id, signal);

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process (the OS still has the written pages).</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Waits for the exit; false when it does not come within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            _process.WaitForExit(); // the output events are drained only after this overload
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then waits for the exit.</summary>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        _ = Signal(15);
        return await WaitForExitAsync(grace).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!await TerminateAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    /// <summary>Synchronous disposal kills at once (no graceful stop): for tests that stop the process themselves.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
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
            if (_waiters.Count == 0)
            {
                return;
            }

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

    private void OnExited()
    {
        // The output may still be draining: give the reader threads a moment, then release waiters with what was printed.
        _process.WaitForExit();
        lock (_gate)
        {
            var text = _output.ToString();
            foreach (var waiter in _waiters)
            {
                var match = waiter.Pattern.Match(text);
                waiter.Seen.TrySetResult(match.Success ? match : null);
            }

            _waiters.Clear();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
