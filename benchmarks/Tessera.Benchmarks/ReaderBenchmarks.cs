using System.Buffers.Binary;
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
        var root = FindCorpus();
        _corpus = Directory.EnumerateFiles(root)
            .Where(path => path.EndsWith(".dcm", StringComparison.Ordinal) || path.EndsWith("dicomdir_pydicom", StringComparison.Ordinal))
            .Where(path => !Path.GetFileName(path).Contains("truncated", StringComparison.Ordinal)
                && !Path.GetFileName(path).Contains("no_meta", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        _ct512 = Path.Combine(Path.GetTempPath(), "tessera-bench-ct512.dcm");
        File.WriteAllBytes(_ct512, Ct512(Path.Combine(root, "ct_small_evrle.dcm")));
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

    /// <summary>ct_small_evrle.dcm's header (258 elements incl. GE private ones) with 512x512x16-bit Pixel Data.</summary>
    private static byte[] Ct512(string template)
    {
        var bytes = File.ReadAllBytes(template);
        var pixelHeader = bytes.AsSpan().LastIndexOf(new byte[] { 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W' });
        using var output = new MemoryStream();
        output.Write(bytes, 0, pixelHeader);
        var header = new byte[12];
        bytes.AsSpan(pixelHeader, 8).CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 512 * 512 * 2);
        output.Write(header);
        output.Write(new byte[512 * 512 * 2]);
        return output.ToArray();
    }

    private static string FindCorpus()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "data", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/corpus");
    }

}
