using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Tessera.Dicom.Text;

/// <summary>
/// The character repertoires named by Specific Character Set (0008,0005), PS3.3 C.12.1.1.2, and the
/// decoding and encoding of text values with them, including ISO/IEC 2022 code extensions (PS3.5 6.1).
/// Immutable and thread-safe. Reading is lenient (misspelt and unknown terms, stray bytes and escape
/// sequences are accepted and reported through the deviation callback); writing is strict.
/// </summary>
public sealed partial class DicomCharacterSet
{
    // A pure cache: instances are immutable and determined by the (trimmed) attribute value alone.
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);

    private readonly ImmutableArray<CharacterSetTerm> _terms;
    private readonly ImmutableArray<string> _termDeviations;
    private readonly Action<string>? _onDeviation;
    private readonly WholeValueEncoding _whole;
    private readonly bool _codeExtensions;
    private readonly GraphicSet _initialG0;
    private readonly GraphicSet? _initialG1;
    private readonly ImmutableArray<(GraphicSet Set, bool G1)> _encodeOrder;
    private readonly GraphicSet? _fallbackG1;

    private DicomCharacterSet(ImmutableArray<CharacterSetTerm> terms, ImmutableArray<string> termDeviations)
    {
        _terms = terms;
        _termDeviations = termDeviations;
        Terms = [.. terms.Select(t => t.DefinedTerm)];
        SpecificCharacterSetValue = string.Join('\\', Terms);

        var first = terms[0];
        _whole = first.Whole;
        _codeExtensions = terms.Length > 1 || first.CodeExtensions;

        // PS3.5 6.1.2.5.3: the initial state is value 1's G0 and G1. A multi-byte G0 set in value 1
        // (against Table C.12-4, which allows them in value 2..n only) cannot hold the delimiters,
        // so the default repertoire stays in G0 and the set is reached by its escape sequence.
        _initialG0 = first.G0 is { IsDoubleByte: false } g0 ? g0 : GraphicSets.Ascii;
        _initialG1 = first.G1;

        var order = ImmutableArray.CreateBuilder<(GraphicSet, bool)>();
        foreach (var term in terms)
        {
            if (term.G0 is not null && !order.Contains((term.G0, false)))
            {
                order.Add((term.G0, false));
            }

            if (term.G1 is not null && !order.Contains((term.G1, true)))
            {
                order.Add((term.G1, true));
            }
        }

        _encodeOrder = order.ToImmutable();
        _fallbackG1 = terms.Select(t => t.G1).FirstOrDefault(g => g is not null);
    }

    private DicomCharacterSet(DicomCharacterSet other, Action<string>? onDeviation)
    {
        _terms = other._terms;
        _termDeviations = other._termDeviations;
        Terms = other.Terms;
        SpecificCharacterSetValue = other.SpecificCharacterSetValue;
        _whole = other._whole;
        _codeExtensions = other._codeExtensions;
        _initialG0 = other._initialG0;
        _initialG1 = other._initialG1;
        _encodeOrder = other._encodeOrder;
        _fallbackG1 = other._fallbackG1;
        _onDeviation = onDeviation;
    }

    /// <summary>The default repertoire, ISO-IR 6 (PS3.5 6.1.2.1): used when (0008,0005) is absent or empty.</summary>
    public static DicomCharacterSet Default { get; } = new([CharacterSetTerms.DefaultRepertoire], []);

    /// <summary>The Defined Terms in use, normalised ("" for an empty first value, meaning the default repertoire).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The Defined Terms joined by backslash: the value to write into (0008,0005).</summary>
    public string SpecificCharacterSetValue { get; }

    /// <summary>True when no (0008,0005) value is given: text is ISO-IR 6 only.</summary>
    public bool IsDefault => _terms is [{ DefinedTerm: "" }];

    /// <summary>True when values may contain ISO/IEC 2022 escape sequences (an "ISO 2022" term or more than one value).</summary>
    public bool UsesCodeExtensions => _codeExtensions;

    /// <summary>True for ISO_IR 192 (UTF-8).</summary>
    public bool IsUtf8 => _whole == WholeValueEncoding.Utf8;

    /// <summary>
    /// True when every byte 00..7F of an encoded value is the ASCII character itself, so a value can be
    /// split at the byte 5C (backslash) without decoding it. False for GB18030 and GBK, whose second
    /// bytes range over 40..7E, and for sets with JIS X 0208 or 0212, which encode kanji in 21..7E.
    /// </summary>
    public bool IsAsciiCompatible =>
        _whole is WholeValueEncoding.None or WholeValueEncoding.Utf8 && !_encodeOrder.Any(e => !e.G1 && e.Set.IsDoubleByte);

    /// <summary>
    /// The character set for a Specific Character Set (0008,0005) value as read, with its values separated
    /// by backslash. Null, empty or padding-only values give <see cref="Default"/>. Never throws: misspelt
    /// terms are mapped to the Defined Term they mean, unknown ones to ISO_IR 100, each reported to
    /// <paramref name="onDeviation"/>, which the returned instance also uses for deviations found in values.
    /// </summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string? value, Action<string>? onDeviation = null)
    {
        var key = (value ?? string.Empty).TrimEnd(' ', '\0').TrimStart(' ');
        var set = key.Length == 0 ? Default : Cache.GetOrAdd(key, Parse);
        if (onDeviation is null)
        {
            return set;
        }

        foreach (var deviation in set._termDeviations)
        {
            onDeviation(deviation);
        }

        return set.WithDeviationHandler(onDeviation);
    }

    /// <summary>The same character set reporting deviations found while decoding and encoding to <paramref name="onDeviation"/>.</summary>
    public DicomCharacterSet WithDeviationHandler(Action<string>? onDeviation) =>
        ReferenceEquals(onDeviation, _onDeviation) ? this : new DicomCharacterSet(this, onDeviation);

    /// <inheritdoc/>
    public override string ToString() => SpecificCharacterSetValue;

    private static DicomCharacterSet Parse(string value)
    {
        var deviations = ImmutableArray.CreateBuilder<string>();
        var raw = value.Split('\\');
        var terms = new List<CharacterSetTerm>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var text = raw[i].Trim(' ', '\0');
            if (text.Length == 0)
            {
                // PS3.3 C.12.1.1.2: an empty value 1 means the default repertoire. Empty later values mean nothing.
                if (i == 0)
                {
                    terms.Add(CharacterSetTerms.DefaultRepertoire);
                }
                else
                {
                    deviations.Add($"Specific Character Set '{value}' has an empty value {i + 1}; it is ignored");
                }

                continue;
            }

            var term = CharacterSetTerms.Resolve(text, out var deviation);
            if (deviation is not null)
            {
                deviations.Add(deviation);
            }

            terms.Add(term);
        }

        if (terms.Count == 0)
        {
            return Default;
        }

        if (terms.Count > 1)
        {
            // UTF-8, GB18030 and GBK are not ISO/IEC 2022 structured and cannot be combined (PS3.3 Table C.12-5).
            // Writers that list them with others mean them, as pydicom also assumes, so the value is read with them alone.
            var whole = terms.FirstOrDefault(t => t.Whole != WholeValueEncoding.None);
            if (whole is not null)
            {
                deviations.Add($"Specific Character Set '{value}' combines {whole.DefinedTerm}, which allows no code extensions, with other terms; {whole.DefinedTerm} alone is used");
                return new DicomCharacterSet([whole], deviations.ToImmutable());
            }

            // PS3.3 C.12.1.1.2: with more than one value every term must be an "ISO 2022" one.
            for (var i = 0; i < terms.Count; i++)
            {
                if (CharacterSetTerms.WithCodeExtensions(terms[i]) is { } extended)
                {
                    deviations.Add($"Specific Character Set '{value}' is multi-valued but uses '{terms[i].DefinedTerm}'; read as '{extended.DefinedTerm}'");
                    terms[i] = extended;
                }
            }
        }

        if (terms[0].G0 is { IsDoubleByte: true } || (terms[0].G1 is { IsDoubleByte: true } && terms[0].CodeExtensions))
        {
            deviations.Add($"Specific Character Set '{value}' has the multi-byte term '{terms[0].DefinedTerm}' as value 1, which PS3.3 Table C.12-4 allows only as value 2 or later");
        }

        return new DicomCharacterSet([.. terms], deviations.ToImmutable());
    }

    private void Report(string message) => _onDeviation?.Invoke($"Specific Character Set '{SpecificCharacterSetValue}': {message}");
}
