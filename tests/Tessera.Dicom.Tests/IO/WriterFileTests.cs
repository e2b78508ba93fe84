using System.Buffers.Binary;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;
using Tessera.Dicom.Tests.Support;

namespace Tessera.Dicom.Tests.IO;

/// <summary>Part 10 files (PS3.10 7.1): preamble, meta, dataset; checked byte by byte, by our reader and by dcmdump.</summary>
public sealed class WriterFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tessera-writer-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A small image with the usual structure: strings, numbers, a nested sequence, pixel data.</summary>
    internal static DicomDataset Image()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        dataset.AddOrUpdate(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY");
        dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.99887766554433221100");
        dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "OT");
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Müller^Jürgen");
        dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "ID-1");
        var code = new DicomDataset();
        code.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, "T-A0100");
        code.AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, "SRT");
        code.AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, "Brain");
        var region = new DicomDataset { new DicomSequence(DicomTags.AnatomicRegionModifierSequence, [code]) };
        region.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, "T-D1100");
        dataset.Add(new DicomSequence(DicomTags.AnatomicRegionSequence, [region, new DicomDataset()]));
        dataset.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 2);
        dataset.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 3);
        dataset.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16);
        dataset.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 12);
        dataset.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 11);
        dataset.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        dataset.AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, "40.5");
        dataset.AddOrUpdate<float>(DicomTags.RecommendedDisplayFrameRateInFloat, DicomVR.FL, 25f);
        dataset.AddOrUpdate<ushort>(DicomTags.PixelData, DicomVR.OW, 1, 2, 3, 0x0FFF, 0x0800, 0x0001);
        return dataset;
    }

    [Fact]
    public void The_file_starts_with_preamble_prefix_and_explicit_little_endian_meta()
    {
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, null, Image(), DicomTransferSyntax.ExplicitVRBigEndian);
        var bytes = stream.ToArray();

        Assert.All(bytes[..128], b => Assert.Equal(0, b));
        Assert.Equal("DICM"u8.ToArray(), bytes[128..132]);
        Assert.Equal(WriterEncodingTests.Hex("02 00 00 00 'UL' 04 00"), bytes[132..140]);
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        Assert.Equal(WriterEncodingTests.Hex("02 00 01 00 'OB' 00 00 02 00 00 00 00 01"), bytes[144..158]);

        // The data set (big endian here) starts right after the group: its first tag is (0008,0005).
        Assert.Equal(WriterEncodingTests.Hex("00 08 00 05 'CS'"), bytes[(144 + (int)groupLength)..(150 + (int)groupLength)]);

        var file = DicomFile.Read(new MemoryStream(bytes));
        var meta = file.FileMetaInformation;
        Assert.Equal(
            [DicomTags.FileMetaInformationGroupLength, DicomTags.FileMetaInformationVersion, DicomTags.MediaStorageSOPClassUID,
             DicomTags.MediaStorageSOPInstanceUID, DicomTags.TransferSyntaxUID, DicomTags.ImplementationClassUID, DicomTags.ImplementationVersionName],
            meta.Select(e => e.Tag));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("2.25.99887766554433221100", meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian.Uid, meta.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(DicomFileMetaInformation.ImplementationClassUid, meta.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal("TESSERA_010", meta.GetString(DicomTags.ImplementationVersionName));
        Assert.Empty(file.Deviations);
    }

    [Fact]
    public void The_implementation_class_UID_is_a_valid_2_25_UID()
    {
        // PS3.5 9.1 and B.2: components without leading zeros, at most 64 characters.
        var uid = DicomFileMetaInformation.ImplementationClassUid;
        Assert.Matches(@"^2\.25\.[1-9][0-9]*$", uid);
        Assert.True(uid.Length <= 64);
        Assert.True(System.Numerics.BigInteger.Parse(uid[5..], System.Globalization.CultureInfo.InvariantCulture) < System.Numerics.BigInteger.Pow(2, 128));
        Assert.True(DicomFileMetaInformation.ImplementationVersionName.Length <= 16);
    }

    [Fact]
    public void Existing_meta_keeps_what_is_still_true_and_loses_what_is_not()
    {
        var existing = new DicomDataset();
        existing.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, "1.2.3");
        existing.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "1.2.3.4");
        existing.AddOrUpdate(DicomTags.TransferSyntaxUID, DicomVR.UI, DicomTransferSyntax.ImplicitVRLittleEndian.Uid);
        existing.AddOrUpdate(DicomTags.ImplementationClassUID, DicomVR.UI, "1.2.276.0.7230010.3.0.3.6.7");
        existing.AddOrUpdate(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, "MODALITY");
        existing.Add(new DicomValueElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, new byte[] { 1, 0, 0, 0 }));

        var meta = DicomFileMetaInformation.Create(existing, Image(), DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("2.25.99887766554433221100", meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, meta.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(DicomFileMetaInformation.ImplementationClassUid, meta.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal("MODALITY", meta.GetString(DicomTags.SourceApplicationEntityTitle));

        // 8+2 version, 8+12 class UID... computed, not copied: every element after (0002,0000) counted once.
        var lengths = meta.Where(e => e.Tag != DicomTags.FileMetaInformationGroupLength)
            .Cast<DicomValueElement>()
            .Sum(e => (e.VR == DicomVR.OB ? 12 : 8) + e.Length + (e.Length & 1));
        Assert.Equal((uint)lengths, meta.GetValue<uint>(DicomTags.FileMetaInformationGroupLength));

        var renamed = DicomFileMetaInformation.Create(existing, Image(), DicomTransferSyntax.ExplicitVRLittleEndian, "TESSERA");
        Assert.Equal("TESSERA", renamed.GetString(DicomTags.SourceApplicationEntityTitle));
    }

    [Fact]
    public void A_dataset_without_SOP_identity_and_no_meta_is_refused()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "x");
        var error = Assert.Throws<DicomException>(() => DicomFileWriter.Write(Stream.Null, null, dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("PS3.10 7.1", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> SyntaxesAndLengths()
    {
        var data = new TheoryData<string, bool>();
        foreach (var syntax in Syntaxes.Native)
        {
            data.Add(syntax.Uid, false);
            data.Add(syntax.Uid, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SyntaxesAndLengths))]
    public void Dcmdump_reads_every_native_syntax_cleanly_and_sees_the_same_dataset(string uid, bool definedLengths)
    {
        var syntax = DicomTransferSyntax.Lookup(uid);
        var options = new DicomWriteOptions { DefinedLengthSequences = definedLengths };
        var reference = Path.Combine(_directory, "reference.dcm");
        DicomFileWriter.Save(reference, null, Image(), DicomTransferSyntax.ExplicitVRLittleEndian);
        var path = Path.Combine(_directory, $"{syntax.Keyword}.dcm");
        DicomFileWriter.Save(path, null, Image(), syntax, options);

        var dump = Dcmdump.Run(path);
        dump.AssertClean($"image in {syntax}");
        var expected = Dcmdump.Run(reference).DataSet;
        Assert.Equal(definedLengths ? IgnoringSequenceLengths(expected) : expected, definedLengths ? IgnoringSequenceLengths(dump.DataSet) : dump.DataSet);

        var back = DicomFile.Open(path);
        Assert.Equal(syntax, back.TransferSyntax);
        Assert.Empty(back.Deviations);
        DatasetAssert.Equal(Image(), back.Dataset, DatasetComparison.RoundTrip);
    }

    /// <summary>
    /// A dump with sequence and item lengths and delimiters taken out: dcmdump prints the measured
    /// length of a defined-length sequence (which differs between implicit and explicit VR) and
    /// pseudo delimiters "for re-encoding".
    /// </summary>
    private static string IgnoringSequenceLengths(string dump) =>
        string.Join('\n', dump.Split('\n')
            .Where(line => !line.Contains("Delimitation", StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"(explicit|undefined) length(.*)#\s*(\d+|u/l),", "length$2#,"))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"\s+", " ")));

    [Fact]
    public void Encapsulated_pixel_data_is_accepted_by_dcmdump()
    {
        var dataset = Image();
        dataset.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, new DicomValue(new byte[] { 0, 0, 0, 0 }), [new DicomValue(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9, 0x00 })]));
        var path = Path.Combine(_directory, "rle.dcm");
        DicomFileWriter.Save(path, null, dataset, DicomTransferSyntax.RLELossless);
        Dcmdump.Run(path).AssertClean("encapsulated image");
        var back = DicomFile.Open(path);
        var fragments = Assert.IsType<DicomFragmentSequence>(back.Dataset[DicomTags.PixelData]);
        Assert.Equal(6, Assert.Single(fragments.Fragments).Length);
        Assert.Equal(4, fragments.BasicOffsetTable.Length);
    }

    [Fact]
    public async Task Saving_over_the_file_the_dataset_was_read_from_works()
    {
        // ecg_12lead has bulk references into its own file (waveform data over 64 KiB).
        var path = Path.Combine(_directory, "ecg.dcm");
        File.Copy(CorpusFiles.PathOf("ecg_12lead.dcm"), path);
        var original = DicomFile.Open(CorpusFiles.PathOf("ecg_12lead.dcm"));
        var opened = DicomFile.Open(path);
        Assert.Contains(opened.Dataset, e => e is DicomSequence s && s.Items.Any(i => i.Any(x => x is DicomValueElement { Value.IsBulkData: true })));

        await opened.SaveAsync(path, DicomTransferSyntax.ExplicitVRBigEndian);
        var back = DicomFile.Open(path);
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, back.TransferSyntax);
        DatasetAssert.Equal(original.Dataset, back.Dataset, DatasetComparison.RoundTrip);
        Assert.Single(Directory.GetFiles(_directory));
    }
}
