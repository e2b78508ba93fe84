using System.Buffers.Binary;
using System.Text;
using Tessera.Dicom;

namespace Tessera.Dimse.Messages;

/// <summary>
/// Encodes and decodes command sets: group 0000 in Implicit VR Little Endian, led by Command Group Length
/// (PS3.7 6.3.1, 9.3, E.1).
/// </summary>
/// <remarks>
/// A dedicated codec rather than the toolkit's dataset reader and writer: the command set is a closed set of
/// about twenty elements, each with one fixed VR (<see cref="CommandElements"/>), so it needs neither the data
/// dictionary, nor character sets, nor sequences, nor the streaming machinery built for multi-gigabyte data
/// sets. Keeping it here also keeps the DIMSE layer independent of the dataset model's evolution.
/// </remarks>
public static class DimseCommandCodec
{
    /// <summary>Tag (4) + value length (4), Implicit VR (PS3.5 7.1.3).</summary>
    private const int ElementHeaderLength = 8;

    public static byte[] Encode(DimseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var body = 0;
        foreach (var (tag, value) in command.Elements)
        {
            body += ElementHeaderLength + ValueLength(tag, value);
        }

        var buffer = new byte[ElementHeaderLength + 4 + body];
        var span = buffer.AsSpan();
        WriteHeader(ref span, DicomTags.CommandGroupLength, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)body);
        span = span[4..];
        foreach (var (tag, value) in command.Elements)
        {
            var length = ValueLength(tag, value);
            WriteHeader(ref span, tag, length);
            WriteValue(span[..length], tag, value);
            span = span[length..];
        }

        return buffer;
    }

    /// <summary>Decodes a complete command set. Retired or unknown group 0000 elements are skipped and reported in <paramref name="ignored"/> (lenient in).</summary>
    public static DimseCommand Decode(ReadOnlySpan<byte> bytes, out IReadOnlyList<DicomTag> ignored)
    {
        var command = new DimseCommand();
        List<DicomTag>? skipped = null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < ElementHeaderLength)
            {
                throw new DimseCommandException($"Truncated element header at offset {offset}");
            }

            var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 2)..]));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
            offset += ElementHeaderLength;
            if (tag.Group != 0x0000)
            {
                throw new DimseCommandException($"{tag} is not a command element: a command set holds group 0000 only (PS3.7 6.3.1)");
            }

            if (length > (uint)(bytes.Length - offset))
            {
                throw new DimseCommandException($"{tag} length {length} exceeds the {bytes.Length - offset} bytes left");
            }

            var value = bytes.Slice(offset, (int)length);
            offset += (int)length;
            if (tag == DicomTags.CommandGroupLength)
            {
                // Recomputed on encode; some peers send a wrong value, and it adds nothing when the PDVs delimit the set.
                continue;
            }

            if (CommandElements.Find(tag) is not { } element)
            {
                (skipped ??= []).Add(tag);
                continue;
            }

            command.SetRaw(tag, DecodeValue(element, value));
        }

        if (!command.Contains(DicomTags.CommandField))
        {
            throw new DimseCommandException("Command set without Command Field (0000,0100)");
        }

        ignored = skipped ?? (IReadOnlyList<DicomTag>)[];
        return command;
    }

    public static DimseCommand Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, out _);

    private static object DecodeValue(CommandElement element, ReadOnlySpan<byte> value)
    {
        switch (element.VR)
        {
            case DicomVR.US:
                return value.Length == 2
                    ? BinaryPrimitives.ReadUInt16LittleEndian(value)
                    : throw new DimseCommandException($"{element.Keyword} (US) has length {value.Length}, expected 2");
            case DicomVR.UL:
                return value.Length == 4
                    ? BinaryPrimitives.ReadUInt32LittleEndian(value)
                    : throw new DimseCommandException($"{element.Keyword} (UL) has length {value.Length}, expected 4");
            case DicomVR.AT:
                if (value.Length % 4 != 0)
                {
                    throw new DimseCommandException($"{element.Keyword} (AT) has length {value.Length}, not a multiple of 4");
                }

                var tags = new DicomTag[value.Length / 4];
                for (var i = 0; i < tags.Length; i++)
                {
                    tags[i] = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(value[(i * 4)..]), BinaryPrimitives.ReadUInt16LittleEndian(value[((i * 4) + 2)..]));
                }

                return tags;
            default:
                // UI padded with NUL, AE and LO with spaces (PS3.5 6.2); leading spaces are insignificant in AE and LO.
                return Encoding.ASCII.GetString(value).TrimEnd('\0', ' ').TrimStart(' ');
        }
    }

    private static int ValueLength(DicomTag tag, object value)
    {
        var element = CommandElements.Find(tag) ?? throw new InvalidOperationException($"{tag} is not a command element");
        return element.VR switch
        {
            DicomVR.US => 2,
            DicomVR.UL => 4,
            DicomVR.AT => ((DicomTag[])value).Length * 4,
            _ => (CheckedString(element, (string)value).Length + 1) & ~1, // values have even length (PS3.5 7.1.1)
        };
    }

    private static string CheckedString(CommandElement element, string value)
    {
        var max = element.VR switch
        {
            DicomVR.UI => 64,
            DicomVR.AE => 16,
            _ => 64,
        };
        if (value.Length > max || value.Any(c => c > 0x7E || (c < 0x20 && c != 0)))
        {
            throw new ArgumentException($"{element.Keyword} ({element.VR}) cannot hold '{value}': at most {max} characters of the default repertoire");
        }

        return value;
    }

    private static void WriteHeader(ref Span<byte> span, DicomTag tag, int length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)length);
        span = span[ElementHeaderLength..];
    }

    private static void WriteValue(Span<byte> span, DicomTag tag, object value)
    {
        var element = CommandElements.Find(tag)!;
        switch (element.VR)
        {
            case DicomVR.US:
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
                break;
            case DicomVR.UL:
                BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value);
                break;
            case DicomVR.AT:
                var tags = (DicomTag[])value;
                for (var i = 0; i < tags.Length; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(span[(i * 4)..], tags[i].Group);
                    BinaryPrimitives.WriteUInt16LittleEndian(span[((i * 4) + 2)..], tags[i].Element);
                }

                break;
            default:
                var text = (string)value;
                var written = Encoding.ASCII.GetBytes(text, span);
                if (written < span.Length)
                {
                    span[written] = element.VR == DicomVR.UI ? (byte)0 : (byte)' ';
                }

                break;
        }
    }
}
