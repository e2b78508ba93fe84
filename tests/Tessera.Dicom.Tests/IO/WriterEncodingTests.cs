using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Support;

namespace Tessera.Dicom.Tests.IO;

/// <summary>Byte fixtures: each expected encoding spelt out with the PS3.5 rule that produces it.</summary>
public class WriterEncodingTests
{
    private static readonly DicomTag Modality = new(0x0008, 0x0060);
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag Rows = new(0x0028, 0x0010);
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    private static readonly DicomTag ReferencedSeriesSequence = new(0x0008, 0x1115);
    private static readonly DicomTag ReferencedSOPInstanceUID = new(0x0008, 0x1155);

    private static DicomDataset Simple()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(Modality, DicomVR.CS, "MR");
        dataset.AddOrUpdate(PatientName, DicomVR.PN, "Doe^J");
        dataset.AddOrUpdate<ushort>(Rows, DicomVR.US, 512);
        dataset.Add(new DicomValueElement(PixelData, DicomVR.OW, new byte[] { 1, 2, 3, 4 }));
        return dataset;
    }

    internal static byte[] Encode(DicomDataset dataset, DicomTransferSyntax syntax, DicomWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        new DicomWriter(syntax, options).Write(stream, dataset);
        return stream.ToArray();
    }

    [Fact]
    public void Explicit_VR_little_endian_pads_odd_strings_with_a_space()
    {
        Assert.Equal(
            Hex("08 00 60 00 'CS' 02 00 'MR'",
                "10 00 10 00 'PN' 06 00 'Doe^J' 20",
                "28 00 10 00 'US' 02 00 00 02",
                "E0 7F 10 00 'OW' 00 00 04 00 00 00 01 02 03 04"),
            Encode(Simple(), DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    [Fact]
    public void Implicit_VR_little_endian_drops_the_VR_and_uses_32_bit_lengths()
    {
        Assert.Equal(
            Hex("08 00 60 00 02 00 00 00 'MR'",
                "10 00 10 00 06 00 00 00 'Doe^J' 20",
                "28 00 10 00 02 00 00 00 00 02",
                "E0 7F 10 00 04 00 00 00 01 02 03 04"),
            Encode(Simple(), DicomTransferSyntax.ImplicitVRLittleEndian));
    }

    [Fact]
    public void Explicit_VR_big_endian_swaps_tags_lengths_and_words_but_not_strings()
    {
        Assert.Equal(
            Hex("00 08 00 60 'CS' 00 02 'MR'",
                "00 10 00 10 'PN' 00 06 'Doe^J' 20",
                "00 28 00 10 'US' 00 02 02 00",
                "7F E0 00 10 'OW' 00 00 00 00 00 04 02 01 04 03"),
            Encode(Simple(), DicomTransferSyntax.ExplicitVRBigEndian));
    }

    [Theory]
    [InlineData(DicomVR.OB, "01 02 03 04 05 06 07 08")]
    [InlineData(DicomVR.UN, "01 02 03 04 05 06 07 08")]
    [InlineData(DicomVR.OW, "02 01 04 03 06 05 08 07")]
    [InlineData(DicomVR.OF, "04 03 02 01 08 07 06 05")]
    [InlineData(DicomVR.OL, "04 03 02 01 08 07 06 05")]
    [InlineData(DicomVR.OD, "08 07 06 05 04 03 02 01")]
    [InlineData(DicomVR.OV, "08 07 06 05 04 03 02 01")]
    [InlineData(DicomVR.AT, "02 01 04 03 06 05 08 07")]
    [InlineData(DicomVR.FD, "08 07 06 05 04 03 02 01")]
    [InlineData(DicomVR.SL, "04 03 02 01 08 07 06 05")]
    public void Big_endian_swaps_each_value_in_its_VR_unit(DicomVR vr, string expected)
    {
        var dataset = new DicomDataset { new DicomValueElement(new DicomTag(0x0009, 0x1001), vr, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }) };
        var bytes = Encode(dataset, DicomTransferSyntax.ExplicitVRBigEndian, new DicomWriteOptions { ResolveUnknownVRs = false });
        Assert.Equal(Hex(expected), bytes[^8..]);
    }

    [Fact]
    public void Big_endian_swaps_a_value_that_crosses_buffer_chunks()
    {
        var value = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var dataset = new DicomDataset { new DicomValueElement(PixelData, DicomVR.OW, value) };
        var bytes = Encode(dataset, DicomTransferSyntax.ExplicitVRBigEndian, new DicomWriteOptions { BufferSize = 30 });
        var expected = value.ToArray();
        DicomOutputBuffer.Swap(expected, 2);
        Assert.Equal(expected, bytes[12..]);
    }

    [Fact]
    public void Odd_UI_and_binary_values_are_padded_with_NUL()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(ReferencedSOPInstanceUID, DicomVR.UI, "1.2");
        dataset.Add(new DicomValueElement(PixelData, DicomVR.OB, new byte[] { 7, 7, 7 }));
        Assert.Equal(
            Hex("08 00 55 11 'UI' 04 00 '1.2' 00", "E0 7F 10 00 'OB' 00 00 04 00 00 00 07 07 07 00"),
            Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    private static DicomDataset WithSequence()
    {
        var item = new DicomDataset();
        item.AddOrUpdate(ReferencedSOPInstanceUID, DicomVR.UI, "1.2");
        return new DicomDataset { new DicomSequence(ReferencedSeriesSequence, [item, new DicomDataset()]) };
    }

    [Fact]
    public void Sequences_and_items_have_undefined_length_by_default()
    {
        Assert.Equal(
            Hex("08 00 15 11 'SQ' 00 00 FF FF FF FF",
                "FE FF 00 E0 FF FF FF FF", "08 00 55 11 'UI' 04 00 '1.2' 00", "FE FF 0D E0 00 00 00 00",
                "FE FF 00 E0 FF FF FF FF", "FE FF 0D E0 00 00 00 00",
                "FE FF DD E0 00 00 00 00"),
            Encode(WithSequence(), DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    [Fact]
    public void Defined_length_sequences_are_measured_first()
    {
        Assert.Equal(
            Hex("08 00 15 11 'SQ' 00 00 1C 00 00 00",
                "FE FF 00 E0 0C 00 00 00", "08 00 55 11 'UI' 04 00 '1.2' 00",
                "FE FF 00 E0 00 00 00 00"),
            Encode(WithSequence(), DicomTransferSyntax.ExplicitVRLittleEndian, new DicomWriteOptions { DefinedLengthSequences = true }));
    }

    [Fact]
    public void Implicit_VR_sequences_carry_no_VR()
    {
        Assert.Equal(
            Hex("08 00 15 11 FF FF FF FF",
                "FE FF 00 E0 FF FF FF FF", "08 00 55 11 04 00 00 00 '1.2' 00", "FE FF 0D E0 00 00 00 00",
                "FE FF 00 E0 FF FF FF FF", "FE FF 0D E0 00 00 00 00",
                "FE FF DD E0 00 00 00 00"),
            Encode(WithSequence(), DicomTransferSyntax.ImplicitVRLittleEndian));
    }

    [Fact]
    public void Big_endian_delimiters_are_big_endian_too()
    {
        Assert.Equal(
            Hex("00 08 11 15 'SQ' 00 00 FF FF FF FF",
                "FF FE E0 00 FF FF FF FF", "00 08 11 55 'UI' 00 04 '1.2' 00", "FF FE E0 0D 00 00 00 00",
                "FF FE E0 00 FF FF FF FF", "FF FE E0 0D 00 00 00 00",
                "FF FE E0 DD 00 00 00 00"),
            Encode(WithSequence(), DicomTransferSyntax.ExplicitVRBigEndian));
    }

    [Fact]
    public void Group_lengths_are_dropped_unless_kept_and_then_recomputed()
    {
        var dataset = Simple();
        dataset.Add(new DicomValueElement(new DicomTag(0x0008, 0x0000), DicomVR.UL, new byte[] { 99, 0, 0, 0 }));
        Assert.Equal(Encode(Simple(), DicomTransferSyntax.ExplicitVRLittleEndian), Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));

        var kept = Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, new DicomWriteOptions { KeepGroupLengths = true });
        Assert.Equal(Hex("08 00 00 00 'UL' 04 00 0A 00 00 00", "08 00 60 00 'CS' 02 00 'MR'"), kept[..22]);
    }

    [Fact]
    public void File_meta_elements_in_the_dataset_are_not_written_into_it()
    {
        var dataset = Simple();
        dataset.AddOrUpdate(new DicomTag(0x0002, 0x0010), DicomVR.UI, "1.2.840.10008.1.2");
        Assert.Equal(Encode(Simple(), DicomTransferSyntax.ExplicitVRLittleEndian), Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    [Fact]
    public void A_string_too_long_for_a_16_bit_length_is_written_as_UN()
    {
        // PS3.5 6.2.2 / CP-1066: LO has a 16-bit length in explicit VR; 70,001 bytes need UN's 32-bit length.
        var text = new string('A', 70_001);
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(new DicomTag(0x0008, 0x103E), DicomVR.LO, text);
        var bytes = Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(Hex("08 00 3E 10 'UN' 00 00 72 11 01 00"), bytes[..12]);
        Assert.Equal((byte)' ', bytes[^1]);
        Assert.Equal(12 + 70_002, bytes.Length);

        var implicitBytes = Encode(dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal(Hex("08 00 3E 10 72 11 01 00"), implicitBytes[..8]);
    }

    [Fact]
    public void UN_with_a_dictionary_VR_is_written_with_it()
    {
        var dataset = new DicomDataset
        {
            new DicomValueElement(Rows, DicomVR.UN, new byte[] { 0, 2 }),
            new DicomValueElement(new DicomTag(0x0029, 0x1010), DicomVR.UN, new byte[] { 0, 2 }),
        };
        Assert.Equal(
            Hex("28 00 10 00 'US' 02 00 00 02", "29 00 10 10 'UN' 00 00 02 00 00 00 00 02"),
            Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Equal(
            Hex("00 28 00 10 'US' 00 02 02 00", "00 29 10 10 'UN' 00 00 00 00 00 02 00 02"),
            Encode(dataset, DicomTransferSyntax.ExplicitVRBigEndian));
        Assert.Equal(
            Hex("28 00 10 00 'UN' 00 00 02 00 00 00 00 02"),
            Encode(new DicomDataset { dataset[Rows]! }, DicomTransferSyntax.ExplicitVRLittleEndian, new DicomWriteOptions { UnknownValuesAreBigEndian = true }));
    }

    [Fact]
    public void UN_whose_length_does_not_fit_the_dictionary_VR_stays_UN()
    {
        var dataset = new DicomDataset { new DicomValueElement(Rows, DicomVR.UN, new byte[] { 1, 2, 3 }) };
        Assert.Equal(Hex("28 00 10 00 'UN' 00 00 04 00 00 00 01 02 03 00"), Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    [Fact]
    public void Encapsulated_pixel_data_is_OB_undefined_length_with_the_offset_table_first()
    {
        var dataset = new DicomDataset
        {
            new DicomFragmentSequence(PixelData, DicomVR.OW, new DicomValue(new byte[] { 0, 0, 0, 0 }), [new DicomValue(new byte[] { 0xFF, 0xD8, 0xFF }), new DicomValue(new byte[] { 1, 2 })]),
        };
        Assert.Equal(
            Hex("E0 7F 10 00 'OB' 00 00 FF FF FF FF",
                "FE FF 00 E0 04 00 00 00 00 00 00 00",
                "FE FF 00 E0 04 00 00 00 FF D8 FF 00",
                "FE FF 00 E0 02 00 00 00 01 02",
                "FE FF DD E0 00 00 00 00"),
            Encode(dataset, DicomTransferSyntax.JPEGBaseline8Bit));
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2.2")]
    [InlineData("1.2.840.10008.1.2.1.99")]
    public void Encapsulated_pixel_data_in_a_native_syntax_is_a_codec_job(string uid)
    {
        var syntax = Syntaxes.Native.Single(s => s.Uid == uid);
        var dataset = new DicomDataset { new DicomFragmentSequence(PixelData, DicomVR.OB, DicomValue.Empty, [new DicomValue(new byte[] { 1, 2 })]) };
        var error = Assert.Throws<DicomException>(() => Encode(dataset, syntax));
        Assert.Contains("codec", error.Message, StringComparison.Ordinal);
        Assert.Equal(PixelData, error.Tag);
    }

    [Fact]
    public void Native_pixel_data_in_an_encapsulated_syntax_is_a_codec_job()
    {
        var error = Assert.Throws<DicomException>(() => Encode(Simple(), DicomTransferSyntax.RLELossless));
        Assert.Contains("codec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_equals_the_bytes_written()
    {
        foreach (var syntax in Syntaxes.Native.Where(s => !s.IsDeflated))
        {
            foreach (var options in new[] { DicomWriteOptions.Default, new DicomWriteOptions { DefinedLengthSequences = true } })
            {
                var dataset = WithSequence();
                dataset.Add(Simple()[PatientName]!);
                Assert.Equal(Encode(dataset, syntax, options).Length, new DicomWriter(syntax, options).Measure(dataset));
            }
        }
    }

    [Fact]
    public void Deflated_is_raw_deflate_of_the_explicit_little_endian_bytes()
    {
        var deflated = Encode(Simple(), DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        using var inflate = new System.IO.Compression.DeflateStream(new MemoryStream(deflated), System.IO.Compression.CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        inflate.CopyTo(inflated);
        Assert.Equal(Encode(Simple(), DicomTransferSyntax.ExplicitVRLittleEndian), inflated.ToArray());
    }

    [Fact]
    public async Task Async_writes_the_same_bytes_and_observes_cancellation()
    {
        var dataset = WithSequence();
        using var stream = new MemoryStream();
        await new DicomWriter(DicomTransferSyntax.ExplicitVRBigEndian).WriteAsync(stream, dataset, CancellationToken.None);
        Assert.Equal(Encode(dataset, DicomTransferSyntax.ExplicitVRBigEndian), stream.ToArray());

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new DicomWriter(DicomTransferSyntax.ExplicitVRLittleEndian).WriteAsync(new MemoryStream(), dataset, cancelled.Token));
    }

    /// <summary>Hex bytes separated by spaces; 'text' for ASCII.</summary>
    internal static byte[] Hex(params string[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            var rest = part.AsSpan();
            while (!rest.IsEmpty)
            {
                rest = rest.TrimStart(' ');
                if (rest.IsEmpty)
                {
                    break;
                }

                if (rest[0] == '\'')
                {
                    var end = rest[1..].IndexOf('\'') + 1;
                    bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(rest[1..end].ToString()));
                    rest = rest[(end + 1)..];
                }
                else
                {
                    bytes.Add(Convert.ToByte(rest[..2].ToString(), 16));
                    rest = rest[2..];
                }
            }
        }

        return [.. bytes];
    }
}
