using System.Text;
using CsCheck;
using Tessera.Dicom.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>Encode then Decode gives the text back, for strings drawn from each set's own repertoire (CsCheck).</summary>
public class RoundTripPropertyTests
{
    private static readonly char[] Delimiters = ['\\', '^', '=', ' '];

    public static TheoryData<string> CharacterSets() => new(CharacterSetValues);

    private static readonly string[] CharacterSetValues =
    [
        "", "ISO 2022 IR 6",
        "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138",
        "ISO_IR 148", "ISO_IR 203", "ISO_IR 13", "ISO_IR 166",
        "ISO 2022 IR 100", "ISO 2022 IR 101", "ISO 2022 IR 109", "ISO 2022 IR 110", "ISO 2022 IR 144", "ISO 2022 IR 127",
        "ISO 2022 IR 126", "ISO 2022 IR 138", "ISO 2022 IR 148", "ISO 2022 IR 203", "ISO 2022 IR 13", "ISO 2022 IR 166",
        "\\ISO 2022 IR 87", "\\ISO 2022 IR 159", "\\ISO 2022 IR 149", "\\ISO 2022 IR 58",
        "ISO 2022 IR 13\\ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159",
        "ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144\\ISO 2022 IR 138",
        "ISO 2022 IR 6\\ISO 2022 IR 149\\ISO 2022 IR 58\\ISO 2022 IR 87",
        "ISO_IR 192", "GB18030", "GBK",
    ];

    [Theory]
    [MemberData(nameof(CharacterSets))]
    public void Encode_then_decode_is_the_identity_over_the_repertoire(string specificCharacterSet)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet, deviations.Add);
        var repertoire = Repertoire(characterSet);

        Gen.Int[0, repertoire.Length - 1].Select(i => repertoire[i]).Array[0, 24]
            .Select(parts => string.Concat(parts))
            .Sample(
                text =>
                {
                    foreach (var vr in new[] { DicomVR.PN, DicomVR.LO, DicomVR.LT })
                    {
                        var bytes = characterSet.Encode(text, vr);
                        Assert.Equal(text, characterSet.Decode(bytes, vr));
                    }
                },
                iter: 300);

        Assert.Empty(deviations);
    }

    [Theory]
    [InlineData("ISO_IR 100", "日本", "??")]
    [InlineData("", "Müller", "M?ller")]
    [InlineData("ISO_IR 144", "😀", "?")]
    [InlineData("\\ISO 2022 IR 87", "ก😀", "??")]
    public void Characters_no_set_can_encode_become_question_marks_and_are_reported(string specificCharacterSet, string text, string written)
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet, deviations.Add);
        Assert.Equal(written, Encoding.ASCII.GetString(characterSet.Encode(text, DicomVR.LO)));
        Assert.Single(deviations);
    }

    [Fact]
    public void Vrs_outside_the_character_set_are_written_in_the_default_repertoire()
    {
        var deviations = new List<string>();
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192", deviations.Add);
        Assert.Equal("M?NCHEN", Encoding.ASCII.GetString(characterSet.Encode("MÜNCHEN", DicomVR.CS)));
        Assert.Single(deviations);
    }

    [Fact]
    public void Utf8_round_trips_any_well_formed_text()
    {
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192");
        Gen.String.Where(s => Utf8IsWellFormed(s)).Sample(text => Assert.Equal(text, characterSet.Decode(characterSet.Encode(text, DicomVR.UT), DicomVR.UT)), iter: 500);
    }

    [Fact]
    public void Decoding_arbitrary_bytes_never_throws()
    {
        var sets = CharacterSetValues.Select(v => DicomCharacterSet.FromSpecificCharacterSet(v, _ => { })).ToArray();
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            foreach (var set in sets)
            {
                foreach (var vr in new[] { DicomVR.PN, DicomVR.LT, DicomVR.CS })
                {
                    _ = set.Decode(bytes, vr);
                }
            }
        });
    }

    private static bool Utf8IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every character the set can write, as strings (a surrogate pair is one), plus the delimiters.</summary>
    private static string[] Repertoire(DicomCharacterSet characterSet)
    {
        var characters = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0x21; c < 0x7F; c++)
        {
            characters.Add(((char)c).ToString());
        }

        foreach (var d in Delimiters)
        {
            characters.Add(d.ToString());
        }

        if (characterSet.IsUtf8 || characterSet.Terms[0] == "GB18030")
        {
            foreach (var text in new[] { "é", "Ж", "Ω", "א", "ع", "ก", "山", "やまだ", "홍", "张", "😀", "𠀀" })
            {
                characters.Add(text);
            }
        }
        else if (characterSet.Terms[0] == "GBK")
        {
            var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
            foreach (var text in new[] { "山", "张", "小", "东", "王", "é", "Ж", "Ω" })
            {
                Assert.Equal(text, gbk.GetString(gbk.GetBytes(text)));
                characters.Add(text);
            }
        }
        else
        {
            foreach (var term in characterSet.Terms)
            {
                var parsed = CharacterSetTerms.Resolve(term.Length == 0 ? "ISO 2022 IR 6" : term, out _);
                foreach (var set in new[] { parsed.G0, parsed.G1 })
                {
                    AddCells(set, characters);
                }
            }
        }

        return [.. characters.Order(StringComparer.Ordinal)];
    }

    private static void AddCells(GraphicSet? set, HashSet<string> characters)
    {
        if (set is null)
        {
            return;
        }

        for (var first = 0x21; first < 0x7F; first++)
        {
            if (set.IsDoubleByte)
            {
                for (var second = 0x21; second < 0x7F; second++)
                {
                    if (set.Decode(first, second) is var c && c != '\uFFFD')
                    {
                        characters.Add(c.ToString());
                    }
                }
            }
            else if (set.Decode(first) is var c && c != '\uFFFD')
            {
                characters.Add(c.ToString());
            }
        }

        if (set.Kind == GraphicSetKind.Single96)
        {
            foreach (var position in new[] { 0x20, 0x7F })
            {
                if (set.Decode(position) is var c && c != '\uFFFD')
                {
                    characters.Add(c.ToString());
                }
            }
        }
    }
}
