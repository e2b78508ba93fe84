using System.Buffers;
using System.Text;
using Tessera.Dicom.IO;

namespace Tessera.Dicom.Tests.IO;

/// <summary>The reader on hand-made inputs: each case one rule of PS3.5 or one kind of damage.</summary>
public sealed class ReaderTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag ReferencedSeriesSequence = new(0x0008, 0x1115);
    private static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    private static readonly DicomTag SmallestImagePixelValue = new(0x0028, 0x0106);
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    private static readonly DicomTag Rows = new(0x0028, 0x0010);

    [Fact]
    public void Big_endian_values_are_swapped_to_little_endian()
    {
        var encoder = new TestEncoder(bigEndian: true).Element(Rows, DicomVR.US, [0x00, 0x02]);
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ExplicitVRBigEndian, out _);
        Assert.Equal((ushort)512, dataset.GetValue<ushort>(Rows));
    }

    [Theory]
    [InlineData(0, DicomVR.US)]
    [InlineData(1, DicomVR.SS)]
    public void Implicit_US_or_SS_is_resolved_by_pixel_representation(ushort representation, DicomVR expected)
    {
        var encoder = new TestEncoder(explicitVR: false)
            .Element(PixelRepresentation, DicomVR.US, BitConverter.GetBytes(representation))
            .Element(SmallestImagePixelValue, DicomVR.US, [0xFF, 0xFF]);
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ImplicitVRLittleEndian, out _);
        Assert.Equal(expected, dataset[SmallestImagePixelValue]!.VR);
    }

    [Fact]
    public void Implicit_OB_or_OW_pixel_data_is_OW_and_private_creator_LO_and_unknown_private_UN()
    {
        var encoder = new TestEncoder(explicitVR: false)
            .Element(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME 1.0"u8)
            .Element(new DicomTag(0x0009, 0x1001), DicomVR.UN, [1, 2])
            .Element(PixelData, DicomVR.OW, [0, 0]);
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ImplicitVRLittleEndian, out _);
        Assert.Equal(DicomVR.LO, dataset[new DicomTag(0x0009, 0x0010)]!.VR);
        Assert.Equal(DicomVR.UN, dataset[new DicomTag(0x0009, 0x1001)]!.VR);
        Assert.Equal(DicomVR.OW, dataset[PixelData]!.VR);
    }

    [Fact]
    public void Undefined_length_UN_is_an_implicit_little_endian_sequence()
    {
        var encoder = new TestEncoder()
            .Header(new DicomTag(0x0009, 0x1010), DicomVR.UN, 0xFFFF_FFFF);
        var inner = new TestEncoder(explicitVR: false).Item().Element(PatientName, DicomVR.PN, "DOE^J "u8).ItemDelimiter().SequenceDelimiter();
        encoder.Raw(inner.ToArray());
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, out var deviations);
        var sequence = Assert.IsType<DicomSequence>(dataset[new DicomTag(0x0009, 0x1010)]);
        Assert.Equal("DOE^J", Assert.Single(sequence.Items).GetString(PatientName));
        Assert.Contains(deviations, d => d.Message.Contains("CP-246", StringComparison.Ordinal));
    }

    [Fact]
    public void Bytes_that_are_not_a_VR_fall_back_to_implicit_and_are_reported()
    {
        var encoder = new TestEncoder(explicitVR: false).Element(PatientName, DicomVR.PN, "DOE^J "u8);
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, out var deviations);
        Assert.Equal(DicomVR.PN, dataset[PatientName]!.VR);
        Assert.Equal("DOE^J", dataset.GetString(PatientName));
        Assert.Contains(deviations, d => d.Tag == PatientName && d.Message.Contains("not a VR", StringComparison.Ordinal));
    }

    [Fact]
    public void Stray_sequence_delimiter_out_of_order_and_trailing_bytes_are_deviations()
    {
        var encoder = new TestEncoder()
            .Element(Rows, DicomVR.US, [1, 0])
            .SequenceDelimiter()
            .Element(PatientName, DicomVR.PN, "B "u8)
            .Raw([0, 0, 0]);
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, out var deviations);
        Assert.Equal(2, dataset.Count);
        Assert.Contains(deviations, d => d.Message.Contains("Sequence Delimitation", StringComparison.Ordinal));
        Assert.Contains(deviations, d => d.Message.Contains("order", StringComparison.Ordinal));
        Assert.Contains(deviations, d => d.Message.Contains("trailing", StringComparison.Ordinal));
    }

    [Fact]
    public void Defined_and_undefined_length_sequences_and_items_nest()
    {
        var inner = new TestEncoder().Element(PatientName, DicomVR.PN, "A "u8).ToArray();
        var encoder = new TestEncoder()
            .Header(ReferencedSeriesSequence, DicomVR.SQ, (uint)(8 + inner.Length + 8 + inner.Length + 8))
            .Item((uint)inner.Length).Raw(inner)
            .Item().Raw(inner).ItemDelimiter()
            .Header(new DicomTag(0x0008, 0x1140), DicomVR.SQ, 0xFFFF_FFFF)
            .Item((uint)inner.Length).Raw(inner).SequenceDelimiter();
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, out var deviations);
        Assert.Empty(deviations);
        Assert.Equal(2, Assert.IsType<DicomSequence>(dataset[ReferencedSeriesSequence]).Items.Count);
        Assert.Equal("A", Assert.Single(Assert.IsType<DicomSequence>(dataset[new DicomTag(0x0008, 0x1140)]).Items).GetString(PatientName));
    }

    [Fact]
    public void Encapsulated_pixel_data_has_offset_table_and_fragments()
    {
        var encoder = new TestEncoder()
            .Header(PixelData, DicomVR.OB, 0xFFFF_FFFF)
            .Item(4).Raw([0, 0, 0, 0])
            .Item(2).Raw([0xFF, 0xD8])
            .Item(2).Raw([0xFF, 0xD9])
            .SequenceDelimiter();
        var dataset = Read(encoder.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, out _);
        var fragments = Assert.IsType<DicomFragmentSequence>(dataset[PixelData]);
        Assert.Equal(4, fragments.BasicOffsetTable.Length);
        Assert.Equal(2, fragments.Fragments.Count);
    }

    [Fact]
    public void Large_values_become_bulk_references_that_the_driver_skips()
    {
        var source = new FileBulkDataSource("unused");
        var encoder = new TestEncoder().Element(PatientName, DicomVR.PN, "A "u8).Element(PixelData, DicomVR.OW, new byte[200]);
        var bytes = encoder.ToArray();
        var reader = new DicomDatasetReader(DicomTransferSyntax.ExplicitVRLittleEndian, new DicomReadOptions { BulkDataThreshold = 100 }, 1000, source, bytes.Length);
        var buffer = new ReadOnlySequence<byte>(bytes, 0, 30);
        Assert.Equal(OperationStatus.NeedMoreData, reader.Read(ref buffer, isFinalBlock: false));
        Assert.Equal(0, buffer.Length);
        Assert.Equal(200 - (30 - 10 - 12), reader.PendingSkip);
        reader.Skip(reader.PendingSkip);
        var rest = ReadOnlySequence<byte>.Empty;
        Assert.Equal(OperationStatus.Done, reader.Read(ref rest, isFinalBlock: true));
        var value = Assert.IsType<DicomValueElement>(reader.Dataset[PixelData]).Value;
        Assert.Equal(new DicomBulkDataReference(source, 1000 + 10 + 12, 200), value.BulkData);
    }

    [Fact]
    public void Stops_before_top_level_pixel_data_when_asked()
    {
        var encoder = new TestEncoder().Element(Rows, DicomVR.US, [1, 0]).Element(PixelData, DicomVR.OW, [0, 0]);
        var reader = new DicomDatasetReader(DicomTransferSyntax.ExplicitVRLittleEndian, new DicomReadOptions { StopBeforePixelData = true });
        var buffer = new ReadOnlySequence<byte>(encoder.ToArray());
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, isFinalBlock: false));
        Assert.True(reader.StoppedBeforePixelData);
        Assert.Equal(10, reader.Position);
        Assert.False(reader.Dataset.Contains(PixelData));
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0xFFFF_FFFEu)]
    public void A_huge_length_fails_cleanly_without_allocating_it(uint length)
    {
        var bytes = new TestEncoder().Header(PixelData, DicomVR.OB, length).Raw(new byte[1000]).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var known = Assert.Throws<DicomException>(() => Read(bytes, DicomTransferSyntax.ExplicitVRLittleEndian, out _, bytes.Length));
        Assert.Equal(PixelData, known.Tag);

        // Length unknown (a network stream): the reader must wait for the bytes, not allocate them.
        Assert.Throws<DicomException>(() => Read(bytes, DicomTransferSyntax.ExplicitVRLittleEndian, out _));
        var large = new TestEncoder().Header(PixelData, DicomVR.OB, 0x0100_0000).Raw(new byte[1000]).ToArray();
        var unknown = Assert.Throws<DicomException>(() => Read(large, DicomTransferSyntax.ExplicitVRLittleEndian, out _));
        Assert.Contains("ends inside", unknown.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Fact]
    public void Nesting_beyond_the_limit_fails_cleanly_and_deep_nesting_needs_no_stack()
    {
        var bytes = DeepNesting(10_000);
        var exception = Assert.Throws<DicomException>(() => Read(bytes, DicomTransferSyntax.ImplicitVRLittleEndian, out _));
        Assert.Contains("nested deeper than 64", exception.Message, StringComparison.Ordinal);

        var reader = new DicomDatasetReader(DicomTransferSyntax.ImplicitVRLittleEndian, new DicomReadOptions { MaxSequenceDepth = 20_000 });
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, isFinalBlock: true));
        Assert.IsType<DicomSequence>(reader.Dataset[ReferencedSeriesSequence]);
    }

    [Fact]
    public void Truncated_inside_a_defined_length_item_is_an_error_but_a_missing_delimiter_at_the_end_is_a_deviation()
    {
        var open = new TestEncoder().Header(ReferencedSeriesSequence, DicomVR.SQ, 0xFFFF_FFFF).Item().Element(PatientName, DicomVR.PN, "A "u8);
        var dataset = Read(open.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian, out var deviations);
        Assert.Single(Assert.IsType<DicomSequence>(dataset[ReferencedSeriesSequence]).Items);
        Assert.Equal(2, deviations.Count);

        var truncated = new TestEncoder().Header(ReferencedSeriesSequence, DicomVR.SQ, 100).Item(92).Element(PatientName, DicomVR.PN, "A "u8).ToArray();
        Assert.Throws<DicomException>(() => Read(truncated, DicomTransferSyntax.ExplicitVRLittleEndian, out _));
    }

    /// <summary>(0008,1115) sequences of undefined length, each in an item of undefined length, <paramref name="depth"/> deep.</summary>
    internal static byte[] DeepNesting(int depth)
    {
        var encoder = new TestEncoder(explicitVR: false);
        for (var i = 0; i < depth; i++)
        {
            encoder.Tag(ReferencedSeriesSequence).U32(0xFFFF_FFFF).Item();
        }

        for (var i = 0; i < depth; i++)
        {
            encoder.ItemDelimiter().SequenceDelimiter();
        }

        return encoder.ToArray();
    }

    private static DicomDataset Read(byte[] bytes, DicomTransferSyntax syntax, out IReadOnlyList<DicomDeviation> deviations, long? length = null)
    {
        var reader = new DicomDatasetReader(syntax, length: length);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, isFinalBlock: true));
        deviations = reader.Deviations;
        return reader.Dataset;
    }

    [Fact]
    public void Latin1_helper_round_trips() => Assert.Equal("é", Encoding.Latin1.GetString(Encoding.Latin1.GetBytes("é")));
}
