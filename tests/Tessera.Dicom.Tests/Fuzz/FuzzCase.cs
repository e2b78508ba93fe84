using System.Diagnostics;

namespace Tessera.Dicom.Tests.Fuzz;

/// <summary>
/// Runs one fuzz input with a time limit: the only exception allowed out of <c>parse</c> is
/// <see cref="DicomException"/>. A failing input is written to the temp directory
/// (tessera-fuzz-failures) so it can be kept as a regression file.
/// </summary>
internal static class FuzzCase
{
    public static readonly TimeSpan PerCaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>True when parsed, false when rejected with a DicomException; throws for anything else.</summary>
    public static bool Run(byte[] input, string description, string extension, Action<byte[]> parse)
    {
        var task = Task.Run(() =>
        {
            try
            {
                parse(input);
                return true;
            }
            catch (DicomException)
            {
                return false;
            }
        });

        Exception? failure = null;
        try
        {
            if (!task.Wait(PerCaseTimeout))
            {
                failure = new TimeoutException($"{description} did not finish within {PerCaseTimeout}");
            }
        }
        catch (AggregateException exception) when (exception.InnerException is not null)
        {
            failure = new InvalidOperationException($"{description} threw {exception.InnerException.GetType().Name}: {exception.InnerException.Message}", exception.InnerException);
        }

        if (failure is null)
        {
            return task.Result;
        }

        throw new InvalidOperationException($"{failure.Message} (input kept in {Keep(input, extension)})", failure);
    }

    /// <summary>Writes a failing input where it can be picked up as a regression file; returns the path.</summary>
    public static string Keep(byte[] input, string extension)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tessera-fuzz-failures");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Environment.ProcessId}-{Stopwatch.GetTimestamp()}{extension}");
        File.WriteAllBytes(path, input);
        return path;
    }
}
