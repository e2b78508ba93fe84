using System.Globalization;

namespace Tessera.Dicom.Tests.Fuzz;

/// <summary>
/// Fuzz budgets and seeds: fixed by default so CI is deterministic and bounded (30 s for all fuzz
/// tests together); TESSERA_FUZZ_SECONDS and TESSERA_FUZZ_SEED override them for a longer local hunt.
/// </summary>
internal static class FuzzSettings
{
    public static TimeSpan Budget(double defaultSeconds) =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("TESSERA_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : defaultSeconds);

    public static int Seed(int defaultSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("TESSERA_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : defaultSeed;
}
