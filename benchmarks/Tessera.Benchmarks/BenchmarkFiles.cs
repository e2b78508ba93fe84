using System.Buffers.Binary;

namespace Tessera.Benchmarks;

/// <summary>The inputs every reader benchmark uses, so BenchmarkDotNet and the side-by-side run read the same bytes.</summary>
internal static class BenchmarkFiles
{
    /// <summary>The corpus files every reader accepts: the deliberately truncated and stray-byte files are left out.</summary>
    public static string[] ReadableCorpus() =>
        Directory.EnumerateFiles(FindCorpus())
            .Where(path => path.EndsWith(".dcm", StringComparison.Ordinal) || path.EndsWith("dicomdir_pydicom", StringComparison.Ordinal))
            .Where(path => !Path.GetFileName(path).Contains("truncated", StringComparison.Ordinal)
                && !Path.GetFileName(path).Contains("no_meta", StringComparison.Ordinal)
                && !Path.GetFileName(path).Contains("tooshort", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Writes a 512x512 16-bit CT: ct_small_evrle.dcm's header (258 elements, GE private groups
    /// included) with Rows/Columns made 512 and 512x512x2 bytes of Pixel Data. Returns the path.
    /// </summary>
    public static string WriteCt512(string path)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FindCorpus(), "ct_small_evrle.dcm"));
        SetUInt16(bytes, [0x28, 0x00, 0x10, 0x00, (byte)'U', (byte)'S'], 512);
        SetUInt16(bytes, [0x28, 0x00, 0x11, 0x00, (byte)'U', (byte)'S'], 512);
        var pixelHeader = bytes.AsSpan().LastIndexOf(new byte[] { 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W' });
        using var output = File.Create(path);
        output.Write(bytes, 0, pixelHeader);
        var header = new byte[12];
        bytes.AsSpan(pixelHeader, 8).CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 512 * 512 * 2);
        output.Write(header);
        output.Write(new byte[512 * 512 * 2]);
        return path;
    }

    public static string FindCorpus()
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

    /// <summary>Explicit VR LE short element: tag and VR, 16-bit length 2, then the value.</summary>
    private static void SetUInt16(byte[] bytes, byte[] tagAndVR, ushort value)
    {
        var at = bytes.AsSpan().IndexOf(tagAndVR);
        if (at < 0)
        {
            throw new InvalidDataException("template lacks Rows/Columns");
        }

        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 8), value);
    }
}
