using System.Security.Cryptography;
using Tessera.Cli.Pixels;

namespace Tessera.Cli.Tests;

/// <summary>
/// Frame 1 of every native image in the corpus must equal, byte for byte, the independent decoder's
/// reference (SHA-256 in pixels/pixels.tsv: DCMTK dcmconv, pydicom for 1-bit and float data).
/// </summary>
public class PixelsCommandTests
{
    public static TheoryData<string, string> NativeReferences()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(Corpus.Directory, "pixels", "pixels.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            var decoder = columns[2];
            var isNative = decoder.Contains("DCMTK 3.6.7 dcmconv", StringComparison.Ordinal) || decoder.Contains("FloatPixelData", StringComparison.Ordinal);
            if (isNative && columns[13].Length == 64)
            {
                data.Add(columns[0], columns[13]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NativeReferences))]
    public void Frame_one_matches_the_reference(string file, string sha256)
    {
        var output = Path.Combine(Path.GetTempPath(), $"tessera-pixels-{Guid.NewGuid():N}.raw");
        try
        {
            var error = new StringWriter();
            Assert.Equal(ExitCodes.Success, PixelsCommand.Run(Corpus.PathOf(file), 1, output, error));
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void There_are_native_references_to_check() => Assert.True(NativeReferences().Count >= 20);

    [Fact]
    public void A_frame_past_the_end_is_an_input_error()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.InputError, PixelsCommand.Run(Corpus.PathOf("rtdose_15frame.dcm"), 16, Path.GetTempFileName(), error));
        Assert.Contains("frame 16 does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Later_frames_of_a_multi_frame_image_are_slices_of_the_value()
    {
        var first = Path.GetTempFileName();
        var last = Path.GetTempFileName();
        try
        {
            Assert.Equal(ExitCodes.Success, PixelsCommand.Run(Corpus.PathOf("rtdose_15frame.dcm"), 1, first, TextWriter.Null));
            Assert.Equal(ExitCodes.Success, PixelsCommand.Run(Corpus.PathOf("rtdose_15frame.dcm"), 15, last, TextWriter.Null));
            Assert.Equal(10 * 10 * 4, new FileInfo(last).Length);
            Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(last));
        }
        finally
        {
            File.Delete(first);
            File.Delete(last);
        }
    }

    [Fact]
    public void Encapsulated_pixel_data_is_refused_with_a_reason()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.InputError, PixelsCommand.Run(Corpus.PathOf("sc_rgb_rle.dcm"), 1, Path.GetTempFileName(), error));
        Assert.Contains("encapsulated", error.ToString(), StringComparison.Ordinal);
    }
}
