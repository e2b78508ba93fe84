using System.Buffers;
using Tessera.Dicom.IO;
using Tessera.Dicom.Tests.Corpus;

namespace Tessera.Dicom.Tests.IO;

/// <summary>
/// Deviations the reader reports beyond the structural ones: Specific Character Set terms that are
/// not Defined Terms (mapped, and reported with the tag, while <see cref="DicomDataset.GetString"/>
/// stays silent), and elements in the groups PS3.5 7.1 forbids.
/// </summary>
public sealed class ReaderDeviationTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag ReferencedStudySequence = new(0x0008, 0x1110);

    [Fact]
    public void A_misspelt_character_set_term_is_reported_with_its_tag_and_offset_and_still_decodes()
    {
        var bytes = new TestEncoder(explicitVR: true)
            .Element(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO-IR 100"u8)
            .Element(PatientName, DicomVR.PN, [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]) // "Müller" in Latin-1
            .ToArray();

        var dataset = Read(bytes, out var deviations);

        var deviation = Assert.Single(deviations);
        Assert.Equal(DicomTags.SpecificCharacterSet, deviation.Tag);
        Assert.Equal(8, deviation.Offset); // the value, after the 8-byte explicit VR header
        Assert.Contains("'ISO-IR 100' is not a Defined Term", deviation.Message, StringComparison.Ordinal);
        Assert.Equal("Müller", dataset.GetString(PatientName));
    }

    [Fact]
    public void A_character_set_term_in_a_sequence_item_is_checked_too()
    {
        var item = new TestEncoder(explicitVR: true)
            .Element(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR100 "u8)
            .Element(PatientName, DicomVR.PN, [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]);
        var nested = new TestEncoder(explicitVR: true)
            .Element(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192"u8)
            .Header(ReferencedStudySequence, DicomVR.SQ, 0xFFFF_FFFF)
            .Item((uint)item.Length).Raw(item.ToArray())
            .SequenceDelimiter()
            .ToArray();

        var dataset = Read(nested, out var deviations);

        var deviation = Assert.Single(deviations);
        Assert.Equal(DicomTags.SpecificCharacterSet, deviation.Tag);
        Assert.Contains("'ISO_IR100'", deviation.Message, StringComparison.Ordinal);
        var sequence = Assert.IsType<DicomSequence>(dataset[ReferencedStudySequence]);
        Assert.Equal("Müller", sequence.Items[0].GetString(PatientName));
    }

    [Theory]
    [InlineData("ISO_IR 100")]
    [InlineData("ISO_IR 192")]
    [InlineData("\\ISO 2022 IR 87")]
    [InlineData("")]
    public void Defined_terms_are_not_deviations(string term)
    {
        var bytes = new TestEncoder(explicitVR: true)
            .Element(DicomTags.SpecificCharacterSet, DicomVR.CS, System.Text.Encoding.ASCII.GetBytes(term.Length % 2 == 0 ? term : term + " "))
            .ToArray();

        Read(bytes, out var deviations);

        Assert.Empty(deviations);
    }

    [Fact]
    public void The_misspelt_term_in_the_corpus_is_reported_by_DicomFile()
    {
        // us_jpeg_8frame_frag_nobot.dcm: "charset spelled 'ISO-IR 100' (non-standard)" (MANIFEST).
        var file = DicomFile.Open(CorpusFiles.PathOf("us_jpeg_8frame_frag_nobot.dcm"));

        var deviation = Assert.Single(file.Deviations);
        Assert.Equal(DicomTags.SpecificCharacterSet, deviation.Tag);
        Assert.Equal("ISO_IR 100", file.Dataset.CharacterSet.SpecificCharacterSetValue);
    }

    [Theory]
    [InlineData((ushort)0x0001)]
    [InlineData((ushort)0x0003)]
    [InlineData((ushort)0x0007)]
    [InlineData((ushort)0xFFFF)]
    public void Elements_in_a_forbidden_group_are_kept_and_reported(ushort group)
    {
        var bytes = new TestEncoder(explicitVR: true)
            .Element(new DicomTag(group, 0x0010), DicomVR.LO, "x "u8)
            .ToArray();

        var dataset = Read(bytes, out var deviations);

        Assert.True(dataset.Contains(new DicomTag(group, 0x0010)));
        var deviation = Assert.Single(deviations);
        Assert.Contains($"group {group:X4} is not allowed in a data set (PS3.5 7.1)", deviation.Message, StringComparison.Ordinal);
    }

    private static DicomDataset Read(byte[] bytes, out IReadOnlyList<DicomDeviation> deviations)
    {
        var reader = new DicomDatasetReader(DicomTransferSyntax.ExplicitVRLittleEndian);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(OperationStatus.Done, reader.Read(ref buffer, isFinalBlock: true));
        deviations = reader.Deviations;
        return reader.Dataset;
    }
}
