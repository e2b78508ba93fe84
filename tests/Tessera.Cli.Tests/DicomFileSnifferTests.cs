using Tessera.Server.Import;

namespace Tessera.Cli.Tests;

/// <summary>What `import DIR` and `store DIR` take for DICOM, and what they skip.</summary>
public sealed class DicomFileSnifferTests
{
    [Fact]
    public void Every_corpus_file_may_be_DICOM()
    {
        // ct_no_meta.dcm starts with a stray byte before its first element: dcmdump and pydicom refuse it too (MANIFEST.tsv).
        var files = Directory.GetFiles(Corpus.Directory, "*.dcm").Where(f => Path.GetFileName(f) != "ct_no_meta.dcm").ToList();

        Assert.True(files.Count > 100);
        Assert.All(files, file => Assert.True(DicomFileSniffer.MayBeDicom(file), file));
    }

    [Fact]
    public void A_corpus_data_set_without_preamble_and_meta_may_be_DICOM()
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf("ct_small_evrle.dcm"));

        // After "DICM" (132 bytes): (0002,0000) UL, 12 bytes with its value, the group length of the rest of the meta (PS3.10 7.1).
        var metaEnd = 132 + 12 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        var dataSet = bytes[metaEnd..];

        Assert.Equal([0x08, 0x00], dataSet[..2]);
        Assert.True(DicomFileSniffer.MayBeDicom(dataSet, dataSet.Length));
    }

    [Fact]
    public void Text_images_and_empty_files_are_not_DICOM()
    {
        Assert.False(DicomFileSniffer.MayBeDicom(Corpus.PathOf("README.md")));
        Assert.False(DicomFileSniffer.MayBeDicom(Corpus.PathOf("MANIFEST.tsv")));
        Assert.False(DicomFileSniffer.MayBeDicom([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], 10)); // JPEG SOI, APP0
        Assert.False(DicomFileSniffer.MayBeDicom([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], 8));
        Assert.False(DicomFileSniffer.MayBeDicom([], 0));
        Assert.False(DicomFileSniffer.MayBeDicom(new byte[64], 64)); // zeros: (0000,0000) twice is not ascending
    }

    [Fact]
    public void A_raw_implicit_little_endian_data_set_may_be_DICOM()
    {
        byte[] raw =
        [
            0x08, 0x00, 0x16, 0x00, 0x04, 0x00, 0x00, 0x00, (byte)'1', (byte)'.', (byte)'2', 0x00, // (0008,0016) length 4 "1.2\0"
            0x08, 0x00, 0x18, 0x00, 0x04, 0x00, 0x00, 0x00, (byte)'1', (byte)'.', (byte)'3', 0x00, // (0008,0018) length 4 "1.3\0"
            0x10, 0x00, 0x10, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)'A', (byte)' ',                  // (0010,0010) length 2 "A "
        ];

        Assert.True(DicomFileSniffer.MayBeDicom(raw, raw.Length));
        Assert.False(DicomFileSniffer.MayBeDicom(raw, raw.Length - 4)); // the last value would run past the end of the file
        Assert.True(DicomFileSniffer.MayBeDicom([.. new byte[128], .. "DICM"u8], 132));
    }
}
