using Tessera.Dicom.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>The reset rules of PS3.5 6.1.2.5.3, VRs outside the character set, and bytes that are not text.</summary>
public class DecodingRulesTests
{
    // Greek capital alpha is C1 in ISO 8859-7; the same byte is Á in ISO 8859-1.
    private static readonly DicomCharacterSet LatinThenGreek = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");
    private static readonly byte[] GreekAlpha = Bytes.Of(Bytes.Esc + "-F", new byte[] { 0xC1 });

    [Theory]
    [InlineData(DicomVR.LO, "\\", "Α\\Á")]
    [InlineData(DicomVR.SH, "\\", "Α\\Á")]
    [InlineData(DicomVR.PN, "\\", "Α\\Á")]
    [InlineData(DicomVR.LT, "\\", "Α\\Α")]
    [InlineData(DicomVR.ST, "\\", "Α\\Α")]
    [InlineData(DicomVR.UT, "\\", "Α\\Α")]
    [InlineData(DicomVR.PN, "^", "Α^Á")]
    [InlineData(DicomVR.PN, "=", "Α=Á")]
    [InlineData(DicomVR.LO, "^", "Α^Α")]
    [InlineData(DicomVR.LO, "=", "Α=Α")]
    [InlineData(DicomVR.LT, "\r\n", "Α\r\nÁ")]
    [InlineData(DicomVR.LT, "\t", "Α\tÁ")]
    [InlineData(DicomVR.LT, "\f", "Α\fÁ")]
    public void The_initial_state_returns_at_delimiters(DicomVR vr, string delimiter, string expected)
    {
        var bytes = Bytes.Of(GreekAlpha, delimiter, new byte[] { 0xC1 });
        Assert.Equal(expected, LatinThenGreek.Decode(bytes, vr));
    }

    [Fact]
    public void Backslash_in_a_two_byte_run_is_part_of_a_character()
    {
        // In JIS X 0208 mode 5C is half of a kanji code: the pair 305C is 移.
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");
        var bytes = Bytes.Of(Bytes.Esc + "$B0\\" + Bytes.Esc + "(B\\A");
        Assert.Equal("移\\A", characterSet.Decode(bytes, DicomVR.LO));
    }

    [Fact]
    public void Korean_escape_given_once_per_value_is_read_with_the_listed_g1_set()
    {
        // Seen in the field: ESC $ ) C only at the start, although '^' returns G1 to the initial (empty) state.
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149", deviations.Add);
        var bytes = Bytes.Of(Bytes.Esc + "$)C", new byte[] { 0xC8, 0xAB }, "^", new byte[] { 0xB1, 0xE6, 0xB5, 0xBF });
        Assert.Equal("홍^길동", characterSet.Decode(bytes, DicomVR.PN));
        Assert.Single(deviations);
    }

    [Fact]
    public void Vrs_outside_the_character_set_are_decoded_as_the_default_repertoire()
    {
        // PS3.5 6.1.2.3: CS, UI, DA and the like use ISO-IR 6 whatever (0008,0005) says; escapes are not honoured.
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87", deviations.Add);
        Assert.Equal("ORIGINAL\\PRIMARY", characterSet.Decode(Bytes.Of("ORIGINAL\\PRIMARY"), DicomVR.CS));
        Assert.Empty(deviations);

        Assert.Equal("MÜNCHEN", characterSet.Decode(Bytes.Of("M", new byte[] { 0xDC }, "NCHEN"), DicomVR.CS));
        Assert.Single(deviations);
    }

    [Fact]
    public void Latin_1_bytes_in_the_default_repertoire_are_read_leniently_and_reported()
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.Default.WithDeviationHandler(deviations.Add);
        Assert.Equal("Müller", characterSet.Decode(Bytes.Of("M", new byte[] { 0xFC }, "ller"), DicomVR.PN));
        Assert.Single(deviations);
    }

    [Fact]
    public void Nothing_is_trimmed()
    {
        Assert.Equal(" A \0", DicomCharacterSet.Default.Decode(Bytes.Of(" A \0"), DicomVR.LO));
        Assert.Equal(string.Empty, DicomCharacterSet.Default.Decode([], DicomVR.LO));
    }

    public static TheoryData<string, byte[], string> InvalidBytes() => new()
    {
        { "ISO_IR 192", new byte[] { 0x41, 0xFF, 0x42 }, "A\uFFFDB" },
        { "ISO_IR 192", new byte[] { 0x41, 0xE3, 0x81 }, "A\uFFFD" },
        { "\\ISO 2022 IR 87", Bytes.Of(Bytes.Esc + "$B;"), "\uFFFD" },
        { "\\ISO 2022 IR 87", Bytes.Of(Bytes.Esc + "$B\u007F!" + Bytes.Esc + "(B"), "\u007F\uFFFD" },
        { "\\ISO 2022 IR 149", Bytes.Of(Bytes.Esc + "$)C", new byte[] { 0xC8 }), "\uFFFD" },
        { "ISO_IR 138", new byte[] { 0xA1 }, "\uFFFD" },
        { "ISO_IR 100", Bytes.Of(Bytes.Esc + "(Z"), "\uFFFD" },
        { "ISO 2022 IR 100", Bytes.Of("A" + Bytes.Esc), "A\uFFFD" },
        { "GB18030", new byte[] { 0x81 }, "\uFFFD" },
        { "GBK", new byte[] { 0x41, 0x81, 0x20 }, "A\uFFFD" }, // .NET code page 936 drops the byte after a bad lead byte
    };

    [Theory]
    [MemberData(nameof(InvalidBytes))]
    public void Invalid_bytes_become_replacement_characters_and_are_reported(string specificCharacterSet, byte[] bytes, string expected)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet, deviations.Add);
        Assert.Equal(expected, characterSet.Decode(bytes, DicomVR.LO));
        Assert.NotEmpty(deviations);
    }

    [Fact]
    public void Escape_sequences_in_a_set_without_extensions_are_honoured_and_reported()
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100", deviations.Add);
        Assert.Equal("Α", characterSet.Decode(GreekAlpha, DicomVR.LO));
        Assert.Equal(2, deviations.Count); // no extensions allowed, and ISO-IR 126 is not listed
    }

    [Fact]
    public void Jis_c_6226_1978_designation_is_read_as_jis_x_0208()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");
        Assert.Equal("山", characterSet.Decode(Bytes.Of(Bytes.Esc + "$@;3" + Bytes.Esc + "(B"), DicomVR.LO));
    }

    [Fact]
    public void Decoding_is_safe_from_many_threads()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159");
        var bytes = Bytes.Of(new byte[] { 0xB1 }, Bytes.Esc + "$B;3ED" + Bytes.Esc + "(J");
        Parallel.For(0, 200, _ => Assert.Equal("ｱ山田", characterSet.Decode(bytes, DicomVR.LO)));
    }
}
