using System.Globalization;
using Tessera.Cli.Network.Progress;
using Tessera.Dimse.Messages;

namespace Tessera.Cli.Network.Query;

/// <summary>
/// The counts of each pending C-MOVE/C-GET response (PS3.7 9.1.3.1, 9.1.4.1) as one line on stderr, written on the
/// reporting thread so that lines come in the order the responses did (Progress&lt;T&gt; would post them to the pool).
/// On a terminal (<paramref name="bar"/> given) a progress bar redrawn in place instead, with the bytes
/// <paramref name="bytes"/> counts when it is given.
/// </summary>
internal sealed class SubOperationProgress(string verb, TextWriter error, TerminalProgress? bar = null, Func<long>? bytes = null) : IProgress<SubOperationCounts>
{
    /// <summary>A bar on stderr when it is a terminal, else null (lines).</summary>
    public static TerminalProgress? BarForConsole() => Console.IsErrorRedirected ? null : new TerminalProgress(Console.Error);

    public void Report(SubOperationCounts value)
    {
        if (bar is not null)
        {
            var done = (long)value.Completed + value.Failed + value.Warning;
            bar.Update(done, done + value.Remaining, bytes?.Invoke());
            return;
        }

        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{verb}: {value.Completed} completed, {value.Failed} failed, {value.Warning} warning, {value.Remaining} remaining"));
    }

    /// <summary>The final line on stdout: status, counts, and the Failed SOP Instance UID List (0008,0058) when any.</summary>
    public static IEnumerable<string> Summary(string verb, string peerName, Tessera.Dimse.Network.DimseResult result)
    {
        var counts = result.Counts;
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"{verb} {peerName}: status {result.Status}{(result.ErrorComment is { } c ? $" ({c})" : string.Empty)}, {counts.Completed} completed, {counts.Failed} failed, {counts.Warning} warning, {counts.Remaining} remaining");
        foreach (var uid in result.FailedSopInstanceUids)
        {
            yield return $"  failed: {uid}";
        }
    }

    /// <summary>Exit 1 when the operation failed, was cancelled, or any sub-operation failed (B000H, or a Failed count, PS3.4 C.4.2.1.5).</summary>
    public static bool Failed(Tessera.Dimse.Network.DimseResult result) =>
        !result.Status.IsSuccess || result.Counts.Failed > 0 || result.FailedSopInstanceUids.Count > 0;
}
