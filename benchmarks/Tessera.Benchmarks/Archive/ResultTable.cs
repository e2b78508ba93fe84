using System.Globalization;

namespace Tessera.Benchmarks.Archive;

/// <summary>Measure, value, unit, note rows, printed as they come and written as one TSV at the end.</summary>
internal sealed class ResultTable
{
    private readonly List<string> _rows = ["measure\tvalue\tunit\tnote"];

    public void Add(string measure, double value, string unit, string note = "")
    {
        var row = string.Create(CultureInfo.InvariantCulture, $"{measure}\t{value:0.###}\t{unit}\t{note}");
        _rows.Add(row);
        Console.WriteLine(row);
    }

    public string Write(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.tsv");
        File.WriteAllLines(path, _rows);
        return path;
    }

    /// <summary>The 1-minute load average (/proc/loadavg): the machine is shared, so every figure is read against it.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    public static double Percentile(List<double> sorted, double fraction) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * fraction))];
}
