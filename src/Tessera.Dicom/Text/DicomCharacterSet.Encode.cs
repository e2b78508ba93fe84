using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Tessera.Dicom.Text;

public sealed partial class DicomCharacterSet
{
    /// <summary>
    /// Encodes text (all values joined by backslash) for an element of <paramref name="vr"/>; nothing
    /// is padded. With code extensions each character goes into the set already invoked if it has it,
    /// else into the first set of the first listed term that has it, designated by its escape sequence;
    /// before every delimiter and at the end of the value the initial state is restored (PS3.5 6.1.2.5.3),
    /// which gives the bytes of PS3.5 Annexes H, I and J. Characters no set can encode become '?' and
    /// are reported. Never throws.
    /// </summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        if (!vr.IsAffectedBySpecificCharacterSet())
        {
            return EncodeDefaultRepertoire(text);
        }

        return _whole switch
        {
            WholeValueEncoding.Utf8 => EncodeUtf8(text),
            WholeValueEncoding.Gb18030 => EncodeCodePage(text, 54936, "GB18030"),
            WholeValueEncoding.Gbk => EncodeCodePage(text, 936, "GBK"),
            _ => EncodeIso2022(text, vr),
        };
    }

    private byte[] EncodeDefaultRepertoire(string text)
    {
        var bytes = new byte[text.Length];
        var replaced = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            replaced |= c > 0x7F;
            bytes[i] = c <= 0x7F ? (byte)c : (byte)'?';
        }

        if (replaced)
        {
            Report("characters outside the default repertoire in a VR restricted to it (PS3.5 6.1.2.3) were written as '?'");
        }

        return bytes;
    }

    private byte[] EncodeUtf8(string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(text.Length * 3);
        try
        {
            if (Utf8.FromUtf16(text, buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                Report("unpaired surrogates were written as U+FFFD");
                Utf8.FromUtf16(text, buffer, out _, out written, replaceInvalidSequences: true);
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] EncodeCodePage(string text, int codePage, string name)
    {
        var strict = CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        try
        {
            return strict.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            Report($"characters that {name} cannot encode were written as '?'");
            var lenient = CodePagesEncodingProvider.Instance.GetEncoding(codePage, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback)!;
            return lenient.GetBytes(text);
        }
    }

    private byte[] EncodeIso2022(string text, DicomVR vr)
    {
        var output = new ArrayBufferWriter<byte>(text.Length + 8);
        var g0 = _initialG0;
        var g1 = _initialG1;
        var replaced = false;
        var backslashDelimits = !vr.IsSingleValuedText();
        var personName = vr == DicomVR.PN;

        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (c < 0x20 || c == 0x7F || (c == '\\' && backslashDelimits) || (personName && c is '^' or '='))
            {
                // PS3.5 6.1.2.5.3: the initial sets are active before delimiters and control characters.
                RestoreInitialState(output, ref g0, ref g1);
                Write(output, (byte)c);
                continue;
            }

            if (c == ' ')
            {
                // SPACE is 02/00 of whatever one-byte set is in G0; inside a two-byte run it is not a
                // character, so the writer returns to the initial set, as DCMTK and pydicom do.
                if (g0.IsDoubleByte)
                {
                    output.Write(_initialG0.Designation(false));
                    g0 = _initialG0;
                }

                Write(output, 0x20);
                continue;
            }

            if (TryWriteInvoked(output, c, g0, g1))
            {
                continue;
            }

            var found = false;
            foreach (var (set, toG1) in _encodeOrder)
            {
                if (!set.TryEncode(c, out var code) || !Fits(set, toG1, code))
                {
                    continue;
                }

                output.Write(set.Designation(toG1));
                if (toG1)
                {
                    g1 = set;
                }
                else
                {
                    g0 = set;
                }

                WriteCode(output, set, toG1, code);
                found = true;
                break;
            }

            if (!found)
            {
                // No ISO/IEC 2022 set of PS3.3 has characters outside the BMP: a surrogate pair is one '?'.
                if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
                {
                    index++;
                }

                // Strict out: never write bytes that decode to something else. '?' is in every G0 set we start from.
                replaced = true;
                if (g0.IsDoubleByte)
                {
                    output.Write(_initialG0.Designation(false));
                    g0 = _initialG0;
                }

                Write(output, (byte)'?');
            }
        }

        RestoreInitialState(output, ref g0, ref g1);
        if (replaced)
        {
            Report("characters that no listed character set can encode were written as '?'");
        }

        return output.WrittenSpan.ToArray();
    }

    private static bool TryWriteInvoked(ArrayBufferWriter<byte> output, char c, GraphicSet g0, GraphicSet? g1)
    {
        if (g0.TryEncode(c, out var code) && Fits(g0, false, code))
        {
            WriteCode(output, g0, false, code);
            return true;
        }

        if (g1 is not null && g1.TryEncode(c, out code) && Fits(g1, true, code))
        {
            WriteCode(output, g1, true, code);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Whether a code position is a graphic character where the set is invoked: 94-sets in G0 lose
    /// 02/00 and 07/15 (SPACE and DELETE are fixed there), a one-byte set in GR keeps 02/00..07/15 only
    /// if it is a 96-set. SPACE is written from the initial G0 set, never inside a two-byte run.
    /// </summary>
    private static bool Fits(GraphicSet set, bool g1, ushort code) => set.Kind switch
    {
        GraphicSetKind.Single94 => code is > 0x20 and < 0x7F,
        GraphicSetKind.Single96 => g1,
        _ => true,
    };

    private static void WriteCode(ArrayBufferWriter<byte> output, GraphicSet set, bool g1, ushort code)
    {
        // G1 is invoked into GR (PS3.5 6.1.2.5.2): its bytes carry the high bit.
        var high = g1 ? (byte)0x80 : (byte)0;
        if (set.IsDoubleByte)
        {
            Write(output, (byte)((code >> 8) | high), (byte)((code & 0xFF) | high));
        }
        else
        {
            Write(output, (byte)(code | high));
        }
    }

    private void RestoreInitialState(ArrayBufferWriter<byte> output, ref GraphicSet g0, ref GraphicSet? g1)
    {
        if (g0 != _initialG0)
        {
            output.Write(_initialG0.Designation(false));
            g0 = _initialG0;
        }

        // Nothing designates "no set" into G1, and readers reset G1 at delimiters anyway (PS3.5 6.1.2.5.3),
        // so only a G1 set that replaced another initial one is designated back.
        if (g1 != _initialG1)
        {
            if (_initialG1 is not null)
            {
                output.Write(_initialG1.Designation(true));
            }

            g1 = _initialG1;
        }
    }

    private static void Write(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void Write(ArrayBufferWriter<byte> output, byte first, byte second)
    {
        var span = output.GetSpan(2);
        span[0] = first;
        span[1] = second;
        output.Advance(2);
    }
}
