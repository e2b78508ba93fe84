using System.Text;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;

namespace Tessera.Dicom.Tests.IO;

/// <summary>STYLE 4 and "what to avoid": a 2 GB Pixel Data must cost a reference, not 2 GB.</summary>
public sealed class ReaderLargeFileTests
{
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    [Fact]
    public async Task Reading_the_header_of_a_2GB_file_costs_under_10MB()
    {
        const uint pixelLength = 0x8000_0000;
        var path = Path.Combine(Path.GetTempPath(), $"tessera-2gb-{Guid.NewGuid():N}.dcm");
        try
        {
            long valueOffset;
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                var header = Part10Header(DicomTransferSyntax.ExplicitVRLittleEndian.Uid);
                var dataset = new TestEncoder()
                    .Element(new DicomTag(0x0028, 0x0010), DicomVR.US, [0x00, 0x80])
                    .Element(new DicomTag(0x0028, 0x0011), DicomVR.US, [0x00, 0x80])
                    .Element(new DicomTag(0x0028, 0x0100), DicomVR.US, [16, 0])
                    .Header(PixelData, DicomVR.OW, pixelLength)
                    .ToArray();
                stream.Write(header);
                stream.Write(dataset);
                valueOffset = stream.Position;
                stream.SetLength(valueOffset + pixelLength);
            }

            // Warm up what is allocated once per process (dictionary index, pooled buffer, JIT).
            DicomFile.Open(CorpusFiles.PathOf("ct_small_evrle.dcm"));
            DicomFile.Open(path);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var file = DicomFile.Open(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            var pixels = Assert.IsType<DicomValueElement>(file.Dataset[PixelData]).Value;
            Assert.Equal(valueOffset, pixels.BulkData!.Offset);
            Assert.Equal(pixelLength, pixels.BulkData.Length);
            Assert.Equal(path, Assert.IsType<FileBulkDataSource>(pixels.BulkData.Source).Path);
            Assert.True(allocated < 10_000_000, $"allocated {allocated:N0} bytes");

            var asynchronous = await DicomFile.OpenAsync(path, cancellationToken: CancellationToken.None);
            Assert.Equal(pixelLength, Assert.IsType<DicomValueElement>(asynchronous.Dataset[PixelData]).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Preamble, DICM and a minimal File Meta Information (PS3.10 7.1) in explicit VR LE.</summary>
    internal static byte[] Part10Header(string transferSyntaxUid)
    {
        var uid = Encoding.ASCII.GetBytes(transferSyntaxUid.Length % 2 == 1 ? transferSyntaxUid + "\0" : transferSyntaxUid);
        var group = new TestEncoder()
            .Element(new DicomTag(0x0002, 0x0001), DicomVR.OB, [0, 1])
            .Element(new DicomTag(0x0002, 0x0010), DicomVR.UI, uid)
            .ToArray();
        var meta = new TestEncoder().Element(new DicomTag(0x0002, 0x0000), DicomVR.UL, BitConverter.GetBytes((uint)group.Length)).Raw(group);
        return [.. new byte[128], .. "DICM"u8, .. meta.ToArray()];
    }
}
