using Tessera.Dicom.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>
/// Every text value of every chr_* corpus file, decoded with the Specific Character Set in force where it
/// sits, against the independent decodes in tests/data/corpus/dumps (DCMTK dcmdump +U8, else pydicom 2.3.1).
/// </summary>
public class CorpusDecodingTests
{
    public static TheoryData<string> CharsetFiles() => new(CharsetFileNames());

    private static string[] CharsetFileNames() =>
        [.. Directory.GetFiles(CorpusFiles.Directory, "chr_*.dcm").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void The_corpus_has_the_expected_character_set_files() =>
        Assert.Equal(
            ["chr_arabic.dcm", "chr_french_multi.dcm", "chr_gb18030.dcm", "chr_greek.dcm", "chr_hebrew.dcm", "chr_jp_h31.dcm",
                "chr_jp_h32.dcm", "chr_jp_multi.dcm", "chr_kr_multi.dcm", "chr_russian.dcm", "chr_sq_encoding.dcm", "chr_utf8.dcm"],
            CharsetFileNames());

    [Theory]
    [MemberData(nameof(CharsetFiles))]
    public void Text_values_decode_as_the_reference_dumps_show(string fileName)
    {
        var elements = ExplicitVrScanner.Read(CorpusFiles.PathOf(fileName));
        var dump = ReferenceDump.Load(CorpusFiles.Dumps, fileName);
        var occurrences = new Dictionary<DicomTag, int>();
        var deviations = new List<string>();
        var compared = 0;
        var nonAscii = 0;

        foreach (var element in elements)
        {
            var occurrence = occurrences.GetValueOrDefault(element.Tag);
            occurrences[element.Tag] = occurrence + 1;
            if (!element.VR.IsAffectedBySpecificCharacterSet() || dump.Value(element.Tag, occurrence) is not { } expected)
            {
                continue;
            }

            var characterSet = DicomCharacterSet.FromSpecificCharacterSet(element.SpecificCharacterSet, deviations.Add);
            var actual = characterSet.Decode(element.Value, element.VR).TrimEnd(' ', '\0');
            if (dump.Source == "pydicom" && element.VR == DicomVR.PN)
            {
                // pydicom prints a person name without its trailing empty component groups.
                actual = string.Join('\\', actual.Split('\\').Select(v => v.TrimEnd('=')));
            }

            Assert.True(expected == actual, $"{fileName} {element.Tag} #{occurrence}: expected '{expected}' ({dump.Source}), got '{actual}'");
            compared++;
            nonAscii += actual.Any(c => c > 0x7F) ? 1 : 0;
        }

        Assert.True(compared > 0, "no text values compared");
        Assert.True(nonAscii > 0, "no non-ASCII value compared");
        Assert.True(deviations.Count == 0, string.Join("; ", deviations));
    }

    [Fact]
    public void A_character_set_given_inside_a_sequence_item_applies_to_that_item()
    {
        var elements = ExplicitVrScanner.Read(CorpusFiles.PathOf("chr_sq_encoding.dcm"));
        var name = Assert.Single(elements, e => e.Tag == new DicomTag(0x0010, 0x0010));
        Assert.Equal("ISO 2022 IR 13\\ISO 2022 IR 87", name.SpecificCharacterSet?.TrimEnd());

        var itemSet = DicomCharacterSet.FromSpecificCharacterSet(name.SpecificCharacterSet);
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", itemSet.Decode(name.Value, DicomVR.PN).TrimEnd());

        // The same bytes read with the enclosing data set's UTF-8 are not the name: the item's set matters.
        var outer = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192");
        Assert.NotEqual("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", outer.Decode(name.Value, DicomVR.PN).TrimEnd());
    }

    [Theory]
    [MemberData(nameof(CharsetFiles))]
    public void Re_encoding_a_decoded_value_decodes_to_the_same_text(string fileName)
    {
        foreach (var element in ExplicitVrScanner.Read(CorpusFiles.PathOf(fileName)).Where(e => e.VR.IsAffectedBySpecificCharacterSet()))
        {
            var characterSet = DicomCharacterSet.FromSpecificCharacterSet(element.SpecificCharacterSet);
            var text = characterSet.Decode(element.Value, element.VR);
            Assert.Equal(text, characterSet.Decode(characterSet.Encode(text, element.VR), element.VR));
        }
    }

    [Fact]
    public void Japanese_values_re_encode_to_the_bytes_in_the_file()
    {
        // chr_jp_h31/h32 hold PS3.5 H.3.1 and H.3.2 as written by DCTOOL100; our writer must produce the same bytes.
        foreach (var fileName in new[] { "chr_jp_h31.dcm", "chr_jp_h32.dcm", "chr_jp_multi.dcm" })
        {
            foreach (var element in ExplicitVrScanner.Read(CorpusFiles.PathOf(fileName)).Where(e => e.VR == DicomVR.PN && e.Value.Length > 0))
            {
                var characterSet = DicomCharacterSet.FromSpecificCharacterSet(element.SpecificCharacterSet);
                var text = characterSet.Decode(element.Value, element.VR);
                var trimmed = text.TrimEnd(' ');
                var padding = text.Length - trimmed.Length;
                var encoded = characterSet.Encode(trimmed, element.VR);
                Assert.Equal(Convert.ToHexString(element.Value.AsSpan(0, element.Value.Length - padding)), Convert.ToHexString(encoded));
            }
        }
    }
}
