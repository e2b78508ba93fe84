using System.Globalization;

namespace Tessera.Cli.Network;

/// <summary>Round-trip times of repeated requests on one association (`echo --repeat`, `find --repeat`), summarised as DCMTK does not.</summary>
internal static class RoundTrips
{
    /// <summary>"p50 X ms, p95 Y ms, min Z ms, max W ms" of the times in milliseconds; sorts them in place.</summary>
    public static string Summarize(double[] milliseconds)
    {
        Array.Sort(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(milliseconds, 0.50):0.000} ms, p95 {Percentile(milliseconds, 0.95):0.000} ms, min {milliseconds[0]:0.000} ms, max {milliseconds[^1]:0.000} ms");
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
