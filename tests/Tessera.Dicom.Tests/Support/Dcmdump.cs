using System.Diagnostics;

namespace Tessera.Dicom.Tests.Support;

/// <summary>Runs DCMTK's dcmdump (the reference parser of the corpus) on a file.</summary>
public static class Dcmdump
{
    /// <summary>
    /// Dumps <paramref name="path"/> with automatic data correction off (<c>-dc</c>, so DCMTK reports
    /// rather than silently fixes), UIDs as numbers and long values in full.
    /// </summary>
    public static DcmdumpResult Run(string path, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("dcmdump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-dc", "-Un", "+L", .. extraArguments, path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dcmdump did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new DcmdumpResult(process.ExitCode, output, error.Result);
    }
}

/// <summary>What dcmdump said about a file.</summary>
public sealed record DcmdumpResult(int ExitCode, string Output, string Error)
{
    /// <summary>Lines starting with "W:" or "E:" on either stream: DCMTK's warnings and errors.</summary>
    public IReadOnlyList<string> Complaints =>
        [.. (Output + "\n" + Error).Split('\n').Where(l => l.StartsWith("W:", StringComparison.Ordinal) || l.StartsWith("E:", StringComparison.Ordinal))];

    /// <summary>The data set part of the dump, without the transfer syntax line: equal across encodings of one dataset.</summary>
    public string DataSet
    {
        get
        {
            var start = Output.IndexOf("# Dicom-Data-Set", StringComparison.Ordinal);
            var lines = Output[(start < 0 ? 0 : start)..].Split('\n')
                .Where(l => !l.StartsWith("# Used TransferSyntax", StringComparison.Ordinal));
            return string.Join('\n', lines);
        }
    }

    /// <summary>Exit status 0 and no W:/E: line other than ones containing <paramref name="accepted"/>.</summary>
    public bool IsClean(string? accepted = null) =>
        ExitCode == 0 && Complaints.All(line => accepted is not null && line.Contains(accepted, StringComparison.Ordinal));

    /// <summary>Asserts exit status 0 and no W:/E: lines.</summary>
    public void AssertClean(string what)
    {
        if (ExitCode != 0 || Complaints.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"dcmdump on {what}: exit {ExitCode}\n{string.Join('\n', Complaints)}\n{Error}");
        }
    }
}
