using Tessera.Dicom.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>Reading (0008,0005): Defined Terms of PS3.3 C.12.1.1.2, padding, misspellings, unknown terms.</summary>
public class SpecificCharacterSetParsingTests
{
    public static TheoryData<string> DefinedTerms() =>
    [
        "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138",
        "ISO_IR 148", "ISO_IR 203", "ISO_IR 13", "ISO_IR 166", "ISO 2022 IR 6", "ISO 2022 IR 100", "ISO 2022 IR 101",
        "ISO 2022 IR 109", "ISO 2022 IR 110", "ISO 2022 IR 144", "ISO 2022 IR 127", "ISO 2022 IR 126", "ISO 2022 IR 138",
        "ISO 2022 IR 148", "ISO 2022 IR 203", "ISO 2022 IR 13", "ISO 2022 IR 166", "\\ISO 2022 IR 87", "\\ISO 2022 IR 159",
        "\\ISO 2022 IR 149", "\\ISO 2022 IR 58", "ISO_IR 192", "GB18030", "GBK",
        "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159",
    ];

    [Theory]
    [MemberData(nameof(DefinedTerms))]
    public void Defined_terms_are_accepted_without_deviation(string value)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(value, deviations.Add);
        Assert.Equal(value, characterSet.SpecificCharacterSetValue);
        Assert.Equal(value.Split('\\'), characterSet.Terms);
        Assert.Empty(deviations);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\0")]
    public void Absent_or_empty_is_the_default_repertoire(string? value)
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(value);
        Assert.Same(DicomCharacterSet.Default, characterSet);
        Assert.True(characterSet.IsDefault);
        Assert.Equal(string.Empty, characterSet.SpecificCharacterSetValue);
    }

    [Theory]
    [InlineData("ISO_IR 100 ", "ISO_IR 100")]
    [InlineData("ISO_IR 192\0", "ISO_IR 192")]
    [InlineData("\\ISO 2022 IR 87 ", "\\ISO 2022 IR 87")]
    [InlineData("ISO 2022 IR 13 \\ ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87")]
    public void Padding_is_not_a_deviation(string value, string normalised)
    {
        var deviations = new List<string>();
        Assert.Equal(normalised, DicomCharacterSet.FromSpecificCharacterSet(value, deviations.Add).SpecificCharacterSetValue);
        Assert.Empty(deviations);
    }

    [Theory]
    [InlineData("ISO-IR 100", "ISO_IR 100")]
    [InlineData("ISO IR 100", "ISO_IR 100")]
    [InlineData("ISO_IR100", "ISO_IR 100")]
    [InlineData("iso_ir 100", "ISO_IR 100")]
    [InlineData("ISO-IR 192", "ISO_IR 192")]
    [InlineData("UTF-8", "ISO_IR 192")]
    [InlineData("utf8", "ISO_IR 192")]
    [InlineData("ISO_IR 6", "ISO 2022 IR 6")]
    [InlineData("ISO-2022-IR-87", "ISO 2022 IR 87")]
    [InlineData("ISO 2022 IR100", "ISO 2022 IR 100")]
    [InlineData("ISO_8859-1", "ISO_IR 100")]
    [InlineData("ISO-8859-15", "ISO_IR 203")]
    [InlineData("gb18030", "GB18030")]
    public void Misspellings_are_read_as_the_defined_term_and_reported(string value, string normalised)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(value, deviations.Add);
        Assert.Contains(normalised, characterSet.Terms);
        Assert.Contains(deviations, d => d.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_world_misspelling_in_the_corpus_decodes_latin_1()
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO-IR 100", deviations.Add);
        Assert.Equal("Jérôme", characterSet.Decode([0x4A, 0xE9, 0x72, 0xF4, 0x6D, 0x65], DicomVR.PN));
        Assert.Single(deviations);
    }

    [Fact]
    public void Unknown_terms_fall_back_to_latin_1_and_are_reported()
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("WINDOWS-1252", deviations.Add);
        Assert.Equal(["ISO_IR 100"], characterSet.Terms);
        Assert.Equal("é", characterSet.Decode([0xE9], DicomVR.LO));
        Assert.Contains(deviations, d => d.Contains("WINDOWS-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void Single_byte_terms_without_extensions_in_a_multi_valued_set_are_read_with_extensions()
    {
        // dcm4che issue 869: "ISO_IR 13\ISO 2022 IR 87" is seen in the field.
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 13\\ISO 2022 IR 87", deviations.Add);
        Assert.Equal(["ISO 2022 IR 13", "ISO 2022 IR 87"], characterSet.Terms);
        Assert.Equal("ｱ山", characterSet.Decode(Bytes.Of(new byte[] { 0xB1 }, Bytes.Esc + "$B;3" + Bytes.Esc + "(J"), DicomVR.LO));
        Assert.Single(deviations);
    }

    [Fact]
    public void Utf8_listed_with_other_terms_is_used_alone()
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO_IR 192", deviations.Add);
        Assert.True(characterSet.IsUtf8);
        Assert.Equal("é", characterSet.Decode([0xC3, 0xA9], DicomVR.LO));
        Assert.Single(deviations);
    }

    [Fact]
    public void A_multi_byte_term_as_value_1_is_reported_and_still_decodes()
    {
        // Korean writers often put "ISO 2022 IR 149" alone and send EUC-KR without escape sequences.
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 149", deviations.Add);
        Assert.Equal("홍길동", characterSet.Decode([0xC8, 0xAB, 0xB1, 0xE6, 0xB5, 0xBF], DicomVR.PN));
        Assert.Single(deviations);
    }

    [Fact]
    public void Instances_are_cached_per_value_and_deviations_are_replayed_to_every_caller()
    {
        Assert.Same(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 144"), DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 144"));

        var first = new List<string>();
        var second = new List<string>();
        DicomCharacterSet.FromSpecificCharacterSet("ISO IR 144", first.Add);
        DicomCharacterSet.FromSpecificCharacterSet("ISO IR 144", second.Add);
        Assert.Single(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Properties_describe_the_set()
    {
        Assert.True(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100").IsAsciiCompatible);
        Assert.True(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192").IsAsciiCompatible);
        Assert.False(DicomCharacterSet.FromSpecificCharacterSet("GB18030").IsAsciiCompatible);
        Assert.False(DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87").IsAsciiCompatible);
        Assert.True(DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149").IsAsciiCompatible);
        Assert.True(DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100").UsesCodeExtensions);
        Assert.False(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100").UsesCodeExtensions);
        Assert.Equal("\\ISO 2022 IR 87", DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87").ToString());
    }
}
