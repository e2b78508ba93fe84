namespace Tessera.Interop.Tests.Support;

/// <summary>DCMTK's dcmdump as the independent judge of what a file holds.</summary>
internal static partial class Dcmdump
{
    /// <summary>
    /// The data set part of `dcmdump` (everything after "# Dicom-Data-Set", without the "Used TransferSyntax"
    /// line, the delimitation items, the length forms and group lengths (retired, PS3.5 7.2; recomputed by any re-encoding) and dcmdump's warnings, and without Data Set Trailing Padding, which PS3.10 7.2 lets any reader drop and storescu does): two files whose data sets print the same hold the same attributes and values, whatever their meta.
    /// </summary>
    public static async Task<string> DataSetAsync(string path)
    {
        var (exit, output) = await ExternalProcess.DcmtkAsync("dcmdump", "+L", "+U8", path);
        Assert.True(exit == 0, $"dcmdump {path}: {output}");
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal));
        Assert.True(start >= 0, $"dcmdump {path} printed no data set: {output}");
        return string.Join('\n', lines.Skip(start + 1).Select(SameForEitherLength)
            .Where(l => !IsGroupLength(l) && !l.StartsWith("W: ", StringComparison.Ordinal)
                && !l.Contains("DelimitationItem", StringComparison.Ordinal) && !l.StartsWith("# Used TransferSyntax", StringComparison.Ordinal) && !l.StartsWith("(fffc,fffc)", StringComparison.Ordinal)));
    }

    private static bool IsGroupLength(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length > 11 && trimmed[0] == '(' && trimmed.AsSpan(5, 6).SequenceEqual(",0000)");
    }

    /// <summary>
    /// Defined or undefined length is an encoding choice (PS3.5 7.5), which a sender re-encoding a data set may make
    /// differently: compare sequences and items by their content, not by how their length was written.
    /// </summary>
    /// <remarks>Value lengths go too: DCMTK drops trailing padding spaces when it re-encodes (dcmconv shows it), so the printed values are compared, not their padding.</remarks>
    private static string SameForEitherLength(string line) =>
        ValueLength().Replace(LengthForm().Replace(line, "($1 #=$2) # ~,"), "# ~,");

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+#\s*\d+,")]
    private static partial System.Text.RegularExpressions.Regex ValueLength();

    [System.Text.RegularExpressions.GeneratedRegex(@"\((Sequence|Item) with (?:explicit|undefined) length #=(\d+)\)\s*#\s*(?:u/l|\d+),")]
    private static partial System.Text.RegularExpressions.Regex LengthForm();
}
