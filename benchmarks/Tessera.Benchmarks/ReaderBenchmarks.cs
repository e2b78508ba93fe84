using BenchmarkDotNet.Attributes;
using Tessera.Dicom;
using Tessera.Dicom.IO;

namespace Tessera.Benchmarks;

/// <summary>
/// The reader on a 512x512 CT (header only and whole file) and on the whole development corpus.
/// Compare with <c>benchmarks/dcmdump-corpus.sh</c> (DCMTK on the same files).
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private string _ct512 = string.Empty;
    private string[] _corpus = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = BenchmarkFiles.ReadableCorpus();
        _ct512 = BenchmarkFiles.WriteCt512(Path.Combine(Path.GetTempPath(), "tessera-bench-ct512.dcm"));
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_ct512);

    [Benchmark]
    public int Ct512Header() => DicomFile.Open(_ct512, new DicomReadOptions { StopBeforePixelData = true }).Dataset.Count;

    [Benchmark]
    public int Ct512Whole() => DicomFile.Open(_ct512).Dataset.Count;

    /// <summary>Every corpus file (117 readable ones), in-file bulk references for values over 64 KiB.</summary>
    [Benchmark(OperationsPerInvoke = 117)]
    public int Corpus()
    {
        var count = 0;
        foreach (var path in _corpus)
        {
            count += DicomFile.Open(path).Dataset.Count;
        }

        return count;
    }
}
