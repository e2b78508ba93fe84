using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Tessera.Dicom.Text;

/// <summary>The Defined Terms of PS3.3 C.12.1.1.2 and the lenient mapping of the misspellings real files carry.</summary>
internal static class CharacterSetTerms
{
    /// <summary>An empty first value: the default repertoire in G0 and nothing in G1 (PS3.3 C.12.1.1.2).</summary>
    public static readonly CharacterSetTerm DefaultRepertoire = new(string.Empty, true, GraphicSets.Ascii, null);

    private static readonly FrozenDictionary<string, CharacterSetTerm> Defined = BuildDefined();

    /// <summary>The term for one value of (0008,0005), after trimming; null deviation when it is spelt as defined.</summary>
    public static CharacterSetTerm Resolve(string value, out string? deviation)
    {
        deviation = null;
        if (Defined.TryGetValue(value, out var exact))
        {
            return exact;
        }

        var key = Canonical(value);
        var term = key switch
        {
            "ISO2022IR6" or "ISOIR6" or "ASCII" or "USASCII" => Defined["ISO 2022 IR 6"],
            "UTF8" or "ISOIR192" or "ISO10646" => Defined["ISO_IR 192"],
            "GB18030" => Defined["GB18030"],
            "GBK" => Defined["GBK"],
            _ when key.StartsWith("ISO2022IR", StringComparison.Ordinal) =>
                Defined.GetValueOrDefault("ISO 2022 IR " + key["ISO2022IR".Length..]),
            _ when key.StartsWith("ISOIR", StringComparison.Ordinal) =>
                Defined.GetValueOrDefault("ISO_IR " + key["ISOIR".Length..])
                    ?? Defined.GetValueOrDefault("ISO 2022 IR " + key["ISOIR".Length..]),
            _ when key.StartsWith("ISO8859", StringComparison.Ordinal) => FromIso8859Part(key["ISO8859".Length..]),
            _ => null,
        };

        if (term is not null)
        {
            deviation = $"Specific Character Set term '{value}' is not a Defined Term of PS3.3 C.12.1.1.2; read as '{term.DefinedTerm}'";
            return term;
        }

        // Unknown: Latin-1 is the most common repertoire of real-world text outside ASCII, and
        // decoding one byte per character never loses bytes, so the value can still be shown and re-encoded.
        deviation = $"Specific Character Set term '{value}' is unknown; ISO_IR 100 (Latin-1) is used instead";
        return Defined["ISO_IR 100"];
    }

    /// <summary>The code-extension ("ISO 2022 ...") form of a single-byte term, for a term met in a multi-valued set.</summary>
    public static CharacterSetTerm? WithCodeExtensions(CharacterSetTerm term) =>
        term.CodeExtensions || term.Whole != WholeValueEncoding.None
            ? null
            : Defined.GetValueOrDefault(term.DefinedTerm.Replace("ISO_IR ", "ISO 2022 IR ", StringComparison.Ordinal));

    private static string Canonical(string value)
    {
        // Upper case, and only letters and digits: "iso-ir 100", "ISO_IR100", "ISO IR 100" all become "ISOIR100".
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static CharacterSetTerm? FromIso8859Part(string part) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number switch
            {
                1 => Defined["ISO_IR 100"],
                2 => Defined["ISO_IR 101"],
                3 => Defined["ISO_IR 109"],
                4 => Defined["ISO_IR 110"],
                5 => Defined["ISO_IR 144"],
                6 => Defined["ISO_IR 127"],
                7 => Defined["ISO_IR 126"],
                8 => Defined["ISO_IR 138"],
                9 => Defined["ISO_IR 148"],
                11 => Defined["ISO_IR 166"],
                15 => Defined["ISO_IR 203"],
                _ => null,
            }
            : null;

    private static FrozenDictionary<string, CharacterSetTerm> BuildDefined()
    {
        var terms = new List<CharacterSetTerm>();

        // PS3.3 Table C.12-2 (without code extensions) and Table C.12-3 (with): the same repertoires,
        // ISO 646 in G0 and the right half of the ISO 8859 part (or TIS 620, JIS X 0201) in G1.
        (string Number, GraphicSet G0, GraphicSet G1)[] singleByte =
        [
            ("100", GraphicSets.Ascii, GraphicSets.Latin1),
            ("101", GraphicSets.Ascii, GraphicSets.Latin2),
            ("109", GraphicSets.Ascii, GraphicSets.Latin3),
            ("110", GraphicSets.Ascii, GraphicSets.Latin4),
            ("144", GraphicSets.Ascii, GraphicSets.Cyrillic),
            ("127", GraphicSets.Ascii, GraphicSets.Arabic),
            ("126", GraphicSets.Ascii, GraphicSets.Greek),
            ("138", GraphicSets.Ascii, GraphicSets.Hebrew),
            ("148", GraphicSets.Ascii, GraphicSets.Latin5),
            ("203", GraphicSets.Ascii, GraphicSets.Latin9),
            ("13", GraphicSets.JisRoman, GraphicSets.Katakana),
            ("166", GraphicSets.Ascii, GraphicSets.Thai),
        ];
        foreach (var (number, g0, g1) in singleByte)
        {
            terms.Add(new CharacterSetTerm("ISO_IR " + number, false, g0, g1));
            terms.Add(new CharacterSetTerm("ISO 2022 IR " + number, true, g0, g1));
        }

        terms.Add(new CharacterSetTerm("ISO 2022 IR 6", true, GraphicSets.Ascii, null));

        // PS3.3 Table C.12-4: multi-byte sets with code extensions, allowed as value 2..n only.
        terms.Add(new CharacterSetTerm("ISO 2022 IR 87", true, GraphicSets.JisX0208, null));
        terms.Add(new CharacterSetTerm("ISO 2022 IR 159", true, GraphicSets.JisX0212, null));
        terms.Add(new CharacterSetTerm("ISO 2022 IR 149", true, null, GraphicSets.KsX1001));
        terms.Add(new CharacterSetTerm("ISO 2022 IR 58", true, null, GraphicSets.Gb2312));

        // PS3.3 Table C.12-5: multi-byte sets without code extensions.
        terms.Add(new CharacterSetTerm("ISO_IR 192", false, null, null, WholeValueEncoding.Utf8));
        terms.Add(new CharacterSetTerm("GB18030", false, null, null, WholeValueEncoding.Gb18030));
        terms.Add(new CharacterSetTerm("GBK", false, null, null, WholeValueEncoding.Gbk));

        return terms.ToFrozenDictionary(t => t.DefinedTerm, StringComparer.Ordinal);
    }
}
