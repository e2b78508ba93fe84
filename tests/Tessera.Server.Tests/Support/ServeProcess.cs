using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Tessera.Server.Tests.Support;

/// <summary>The built `tessera serve` as a child process, its output collected, for tests that signal, kill or restart it.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _ready.TrySetResult(false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServeProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        StartVerb(["serve", .. arguments], environment);

    /// <summary>Any `tessera` verb (`import`, `check`, `store`…) as a child process, its output collected the same way.</summary>
    public static ServeProcess StartVerb(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tessera.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ServeProcess(Process.Start(start)!);
    }

    /// <summary>True once "Tessera ready" was logged; false when the process ended first.</summary>
    public Task<bool> WaitReadyAsync() => _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process (the OS still has the written pages).</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public int Signal(int signal) => SendSignal(_process.Id, signal);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            _process.WaitForExit(); // the output events are drained only after this overload
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Tessera ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult(true);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
