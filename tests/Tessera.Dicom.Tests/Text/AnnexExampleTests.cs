using Tessera.Dicom.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>The worked examples of PS3.5 Annexes H (Japanese), I (Korean) and J (Chinese), both directions.</summary>
public class AnnexExampleTests
{
    // PS3.5 H.3.1, (0008,0005) = "\ISO 2022 IR 87": the ideographic and phonetic groups switch G0 to
    // JIS X 0208 with ESC $ B (1B 24 42) and back to ASCII with ESC ( B (1B 28 42) before each delimiter.
    // In 7-bit JIS X 0208, 山田 is 3B33 4544 (";3ED"), 太郎 4240 4F3A ("B@O:"),
    // やまだ 2464 245E 2440 ("$d$^$@"), たろう 243F 246D 2426 ("$?$m$&").
    private static readonly byte[] H31 = Bytes.Of(
        "Yamada^Tarou=",
        Bytes.Esc + "$B;3ED" + Bytes.Esc + "(B^",
        Bytes.Esc + "$BB@O:" + Bytes.Esc + "(B=",
        Bytes.Esc + "$B$d$^$@" + Bytes.Esc + "(B^",
        Bytes.Esc + "$B$?$m$&" + Bytes.Esc + "(B");

    // PS3.5 H.3.2, "ISO 2022 IR 13\ISO 2022 IR 87": half-width katakana ﾔﾏﾀﾞ^ﾀﾛｳ are JIS X 0201 in G1 (GR:
    // D4 CF C0 DE, C0 DB B3) with no escape, the initial G0 being JIS X 0201 Roman, to which ESC ( J returns.
    private static readonly byte[] H32 = Bytes.Of(
        new byte[] { 0xD4, 0xCF, 0xC0, 0xDE }, "^", new byte[] { 0xC0, 0xDB, 0xB3 }, "=",
        Bytes.Esc + "$B;3ED" + Bytes.Esc + "(J^",
        Bytes.Esc + "$BB@O:" + Bytes.Esc + "(J=",
        Bytes.Esc + "$B$d$^$@" + Bytes.Esc + "(J^",
        Bytes.Esc + "$B$?$m$&" + Bytes.Esc + "(J");

    // PS3.5 I.2, "\ISO 2022 IR 149": KS X 1001 is designated into G1 with ESC $ ) C (1B 24 29 43) at the
    // start of every component, because the initial state (nothing in G1) returns at '^' and '='.
    // 洪 FBF3, 吉 D1CE, 洞 D4D7 (hanja); 홍 C8AB, 길 B1E6, 동 B5BF (hangul), in GR.
    private static readonly byte[] I2 = Bytes.Of(
        "Hong^Gildong=",
        Bytes.Esc + "$)C", new byte[] { 0xFB, 0xF3 }, "^",
        Bytes.Esc + "$)C", new byte[] { 0xD1, 0xCE, 0xD4, 0xD7 }, "=",
        Bytes.Esc + "$)C", new byte[] { 0xC8, 0xAB }, "^",
        Bytes.Esc + "$)C", new byte[] { 0xB1, 0xE6, 0xB5, 0xBF });

    // PS3.5 J.3, "\ISO 2022 IR 58": GB 2312 in G1 by ESC $ ) A (1B 24 29 41); 张 D5C5, 小 D0A1, 东 B6AB.
    private static readonly byte[] J3 = Bytes.Of(
        "Zhang^XiaoDong=",
        Bytes.Esc + "$)A", new byte[] { 0xD5, 0xC5 }, "^",
        Bytes.Esc + "$)A", new byte[] { 0xD0, 0xA1, 0xB6, 0xAB }, "=");

    // PS3.5 J.1, "GB18030": 王 CDF5, 小 D0A1, 东 B6AB, no escape sequences.
    private static readonly byte[] J1 = Bytes.Of("Wang^XiaoDong=", new byte[] { 0xCD, 0xF5 }, "^", new byte[] { 0xD0, 0xA1, 0xB6, 0xAB }, "=");

    public static TheoryData<string, string, byte[]> Examples() => new()
    {
        { "\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう", H31 },
        { "ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", H32 },
        { "\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동", I2 },
        { "\\ISO 2022 IR 58", "Zhang^XiaoDong=张^小东=", J3 },
        { "GB18030", "Wang^XiaoDong=王^小东=", J1 },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Decodes_the_annex_bytes(string specificCharacterSet, string text, byte[] bytes)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet, deviations.Add);
        Assert.Equal(text, characterSet.Decode(bytes, DicomVR.PN));
        Assert.Empty(deviations);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Encodes_to_the_annex_bytes(string specificCharacterSet, string text, byte[] bytes)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet, deviations.Add);
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(characterSet.Encode(text, DicomVR.PN)));
        Assert.Empty(deviations);
    }

    [Fact]
    public void Japanese_long_text_returns_to_ascii_before_a_line_break()
    {
        // PS3.5 6.1.2.5.3: the initial set must be active before CR LF, so ESC ( B precedes them.
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");
        var bytes = characterSet.Encode("山田\r\nやまだ", DicomVR.LT);
        Assert.Equal(Convert.ToHexString(Bytes.Of(Bytes.Esc + "$B;3ED" + Bytes.Esc + "(B\r\n" + Bytes.Esc + "$B$d$^$@" + Bytes.Esc + "(B")), Convert.ToHexString(bytes));
        Assert.Equal("山田\r\nやまだ", characterSet.Decode(bytes, DicomVR.LT));
    }

    [Fact]
    public void Supplementary_kanji_use_jis_x_0212()
    {
        // 丂 (U+4E02) is JIS X 0212 row 16 cell 1, 3021, designated with ESC $ ( D (PS3.3 Table C.12-4).
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87\\ISO 2022 IR 159");
        var bytes = Bytes.Of("A", Bytes.Esc + "$B;3", Bytes.Esc + "$(D0!", Bytes.Esc + "(B");
        Assert.Equal("A山丂", characterSet.Decode(bytes, DicomVR.LO));
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(characterSet.Encode("A山丂", DicomVR.LO)));
    }

    [Fact]
    public void Single_byte_sets_switch_g1_with_code_extensions()
    {
        // ISO 2022 IR 100 in G1 initially; Greek by ESC - F (1B 2D 46), Latin-1 back by ESC - A before '^'.
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 126");
        var bytes = Bytes.Of("M", new byte[] { 0xFC }, "ller ", Bytes.Esc + "-F", new byte[] { 0xC1 }, Bytes.Esc + "-A^Jos", new byte[] { 0xE9 });
        Assert.Equal("Müller Α^José", characterSet.Decode(bytes, DicomVR.PN));
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(characterSet.Encode("Müller Α^José", DicomVR.PN)));
    }
}
