using System.Diagnostics;
using System.Globalization;
using Tessera.Dicom.IO;

namespace Tessera.Benchmarks;

/// <summary>
/// `side-by-side CT512_PATH`: times the reader in-process on the same files pydicom_parse.py reads,
/// so benchmarks/parse-side-by-side.sh can print both in one run. One line per measure:
/// name, microseconds per file (median of 5 rounds), bytes allocated per file.
/// </summary>
internal static class SideBySide
{
    public static int Run(string ct512Path)
    {
        BenchmarkFiles.WriteCt512(ct512Path);
        var corpus = BenchmarkFiles.ReadableCorpus();
        var header = new DicomReadOptions { StopBeforePixelData = true };
        Report("ct512-header", 2000, [ct512Path], path => DicomFile.Open(path, header).Dataset.Count);
        Report("ct512-whole", 2000, [ct512Path], path => DicomFile.Open(path).Dataset.Count);
        Report("corpus-header", 20, corpus, path => DicomFile.Open(path, header).Dataset.Count);
        Report("corpus-whole", 20, corpus, path => DicomFile.Open(path).Dataset.Count);
        return 0;
    }

    private static void Report(string name, int passes, string[] files, Func<string, int> parse)
    {
        foreach (var file in files)
        {
            parse(file); // warm up: JIT and file cache
        }

        var rounds = new double[5];
        long allocated = 0;
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var file in files)
                {
                    parse(file);
                }
            }

            rounds[round] = watch.Elapsed.TotalMicroseconds / (passes * files.Length);
            allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (passes * files.Length);
        }

        Array.Sort(rounds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tessera\t{name}\t{files.Length}\t{rounds[2]:F1}\t{allocated}"));
    }
}
