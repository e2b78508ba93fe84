using System.Diagnostics;
using System.Text;

namespace Tessera.Interop.Tests.Support;

/// <summary>Runs a third-party tool (DCMTK, node) or the built `tessera` to completion, with a deadline.</summary>
internal static class ExternalProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not exit in time: {await stdout}{await stderr}");
        }

        return (process.ExitCode, new StringBuilder(await stdout).Append(await stderr).ToString());
    }

    /// <summary>`dotnet tessera.dll ARGS`: the executable the build put next to the tests.</summary>
    public static Task<(int ExitCode, string Output)> TesseraAsync(params string[] arguments) =>
        RunAsync("dotnet", arguments.Prepend(TesseraDll), TimeSpan.FromSeconds(90));

    public static string TesseraDll => Path.Combine(AppContext.BaseDirectory, "tessera.dll");

    public static Task<(int ExitCode, string Output)> DcmtkAsync(string tool, params string[] arguments) =>
        RunAsync(Path.Combine("/usr/bin", tool), arguments);
}
