using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Tessera.Dicom.Text;

public sealed partial class DicomCharacterSet
{
    private const byte Esc = 0x1B;

    /// <summary>
    /// Decodes a whole element value as stored, all its values still joined by backslash, to text.
    /// Nothing is trimmed. VRs that PS3.5 6.1.2.3 keeps to the default repertoire (AE, CS, DA, UI, ...)
    /// are decoded as such whatever (0008,0005) says. Never throws: bytes that are no character of
    /// the set become U+FFFD and are reported as a deviation.
    /// </summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (!vr.IsAffectedBySpecificCharacterSet())
        {
            return DecodeDefaultRepertoire(bytes);
        }

        return _whole switch
        {
            WholeValueEncoding.Utf8 => DecodeUtf8(bytes),
            WholeValueEncoding.Gb18030 => DecodeCodePage(bytes, 54936, "GB18030"),
            WholeValueEncoding.Gbk => DecodeCodePage(bytes, 936, "GBK"),
            _ => DecodeIso2022(bytes, vr),
        };
    }

    private string DecodeDefaultRepertoire(ReadOnlySpan<byte> bytes)
    {
        if (!Ascii.IsValid(bytes))
        {
            // Real files put Latin-1 into CS and friends; one byte per character keeps every byte visible.
            Report("bytes 80..FF in a value of a VR restricted to the default repertoire (PS3.5 6.1.2.3) were read as ISO 8859-1");
        }

        return Encoding.Latin1.GetString(bytes);
    }

    private string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                return new string(chars, 0, written);
            }

            Report("bytes that are not UTF-8 were replaced by U+FFFD");
            Utf8.ToUtf16(bytes, chars, out _, out written, replaceInvalidSequences: true);
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private string DecodeCodePage(ReadOnlySpan<byte> bytes, int codePage, string name)
    {
        var strict = CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Report($"bytes that are not {name} were replaced by U+FFFD");
            var lenient = CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"))!;
            return lenient.GetString(bytes);
        }
    }

    private string DecodeIso2022(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var text = new StringBuilder(bytes.Length);
        var deviations = DecodeDeviations.None;
        var g0 = _initialG0;
        var g1 = _initialG1;

        // PS3.5 6.1.2.5.3: the initial state holds again after each value delimiter (not in LT, ST, UT
        // and UR, where backslash is text), after CR, LF, FF and TAB, and in PN after '^' and '='.
        var backslashDelimits = !vr.IsSingleValuedText();
        var personName = vr == DicomVR.PN;

        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == Esc)
            {
                i += ReadEscape(bytes[i..], text, ref g0, ref g1, ref deviations);
                continue;
            }

            if (b < 0x20)
            {
                if (b is 0x09 or 0x0A or 0x0C or 0x0D)
                {
                    g0 = _initialG0;
                    g1 = _initialG1;
                }

                text.Append((char)b);
                i++;
                continue;
            }

            if (b < 0x80)
            {
                if (g0.IsDoubleByte && b is > 0x20 and < 0x7F)
                {
                    // Two 7-bit bytes per character in G0 (JIS X 0208, JIS X 0212). A delimiter byte here
                    // is the half of a character: PS3.5 6.1.2.5.3 has writers return to the initial state first.
                    if (i + 1 < bytes.Length && bytes[i + 1] is > 0x20 and < 0x7F)
                    {
                        AppendChecked(text, g0.Decode(b, bytes[i + 1]), ref deviations);
                        i += 2;
                    }
                    else
                    {
                        text.Append('\uFFFD');
                        deviations |= DecodeDeviations.InvalidBytes;
                        i++;
                    }

                    continue;
                }

                if ((b == (byte)'\\' && backslashDelimits) || (personName && b is (byte)'^' or (byte)'='))
                {
                    g0 = _initialG0;
                    g1 = _initialG1;
                    text.Append((char)b);
                }
                else if (b is 0x20 or 0x7F)
                {
                    // SPACE and DELETE are fixed in every ISO/IEC 2022 G0 set.
                    text.Append((char)b);
                }
                else
                {
                    AppendChecked(text, g0.Decode(b), ref deviations);
                }

                i++;
                continue;
            }

            if (b < 0xA0)
            {
                // C1 control characters, identical in ISO 8859 and ISO/IEC 2022 8-bit codes.
                if (g1 is null)
                {
                    deviations |= DecodeDeviations.UndesignatedHighBytes;
                }

                text.Append((char)b);
                i++;
                continue;
            }

            var set = g1;
            if (set is null)
            {
                // GR bytes with nothing designated into G1. Korean and Chinese writers often send the
                // escape sequence once per value instead of once per component; the first G1 set listed
                // in (0008,0005) is what they mean. With none listed, Latin-1 keeps each byte visible.
                deviations |= DecodeDeviations.UndesignatedHighBytes;
                set = _fallbackG1;
                if (set is null)
                {
                    text.Append((char)b);
                    i++;
                    continue;
                }
            }

            if (set.IsDoubleByte)
            {
                if (i + 1 < bytes.Length && bytes[i + 1] is > 0xA0 and < 0xFF)
                {
                    AppendChecked(text, set.Decode(b & 0x7F, bytes[i + 1] & 0x7F), ref deviations);
                    i += 2;
                }
                else
                {
                    text.Append('\uFFFD');
                    deviations |= DecodeDeviations.InvalidBytes;
                    i++;
                }

                continue;
            }

            AppendChecked(text, set.Decode(b & 0x7F), ref deviations);
            i++;
        }

        ReportDecodeDeviations(deviations);
        return text.ToString();
    }

    /// <summary>Reads one escape sequence at the start of <paramref name="bytes"/> and returns its length.</summary>
    private int ReadEscape(ReadOnlySpan<byte> bytes, StringBuilder text, ref GraphicSet g0, ref GraphicSet? g1, ref DecodeDeviations deviations)
    {
        // ISO/IEC 2022 clause 13: ESC, intermediate bytes 02/00..02/15, one final byte 03/00..07/14.
        var length = 1;
        while (length < bytes.Length && bytes[length] is >= 0x20 and <= 0x2F)
        {
            length++;
        }

        if (length >= bytes.Length || bytes[length] is < 0x30 or > 0x7E)
        {
            text.Append('\uFFFD');
            deviations |= DecodeDeviations.UnknownEscape;
            return length;
        }

        var final = bytes[length];
        var intermediates = bytes[1..length];
        length++;

        (GraphicSetKind Kind, bool G1)? target = intermediates switch
        {
            [0x28] => (GraphicSetKind.Single94, false),
            [0x29] => (GraphicSetKind.Single94, true),
            [0x2D] => (GraphicSetKind.Single96, true),
            [0x24] or [0x24, 0x28] => (GraphicSetKind.Double94, false),
            [0x24, 0x29] => (GraphicSetKind.Double94, true),
            _ => null,
        };

        var set = target is { } t ? GraphicSets.Find(t.Kind, final) : null;
        if (set is null)
        {
            text.Append('\uFFFD');
            deviations |= DecodeDeviations.UnknownEscape;
            return length;
        }

        if (!_codeExtensions)
        {
            deviations |= DecodeDeviations.EscapeWithoutExtensions;
        }

        if (!_encodeOrder.Any(e => e.Set == set))
        {
            deviations |= DecodeDeviations.UndeclaredSet;
        }

        if (target!.Value.G1)
        {
            g1 = set;
        }
        else
        {
            g0 = set;
        }

        return length;
    }

    private static void AppendChecked(StringBuilder text, char c, ref DecodeDeviations deviations)
    {
        if (c == '\uFFFD')
        {
            deviations |= DecodeDeviations.InvalidBytes;
        }

        text.Append(c);
    }

    private void ReportDecodeDeviations(DecodeDeviations deviations)
    {
        if (deviations == DecodeDeviations.None || _onDeviation is null)
        {
            return;
        }

        if (deviations.HasFlag(DecodeDeviations.UndesignatedHighBytes))
        {
            Report(_fallbackG1 is { } g
                ? $"bytes 80..FF with no set designated into G1 were read with {g.Name}"
                : "bytes 80..FF outside the default repertoire were read as ISO 8859-1");
        }

        if (deviations.HasFlag(DecodeDeviations.InvalidBytes))
        {
            Report("bytes that are no character of the designated set were replaced by U+FFFD");
        }

        if (deviations.HasFlag(DecodeDeviations.UnknownEscape))
        {
            Report("an unknown or incomplete escape sequence was replaced by U+FFFD");
        }

        if (deviations.HasFlag(DecodeDeviations.EscapeWithoutExtensions))
        {
            Report("escape sequences in a character set without code extensions (PS3.3 C.12.1.1.2) were honoured");
        }

        if (deviations.HasFlag(DecodeDeviations.UndeclaredSet))
        {
            Report("an escape sequence designates a character set that (0008,0005) does not list; it was honoured");
        }
    }
}
