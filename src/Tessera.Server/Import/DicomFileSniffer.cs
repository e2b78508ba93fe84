using System.Buffers.Binary;
using Tessera.Dicom;

namespace Tessera.Server.Import;

/// <summary>
/// Whether a file found in a folder is worth handing to ingest: a Part 10 file ("DICM" after the 128-byte preamble, or
/// at the start, PS3.10 7.1) or a raw data set whose first element headers are well formed. READMEs, JPEGs and the
/// like found next to images are then counted as skipped rather than failed.
/// </summary>
public static class DicomFileSniffer
{
    /// <summary>Bytes read: the preamble and prefix (132) and room for the first elements of a raw data set.</summary>
    private const int HeadLength = 4096;

    /// <summary>Element headers checked in a raw data set; three ascending, fitting elements do not happen by chance in text or images.</summary>
    private const int ElementsChecked = 3;

    /// <summary>True when the file may be DICOM; a file that cannot be read counts as DICOM, so that ingest names the real error.</summary>
    public static bool MayBeDicom(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            Span<byte> head = stackalloc byte[HeadLength];
            var read = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
            return MayBeDicom(head[..read], stream.Length);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static bool MayBeDicom(ReadOnlySpan<byte> head, long fileLength)
    {
        if ((head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8)) || (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8)))
        {
            return true;
        }

        return LooksLikeDataSet(head, fileLength, bigEndian: false) || LooksLikeDataSet(head, fileLength, bigEndian: true);
    }

    /// <summary>
    /// A data set without meta (PS3.5 7.1): each element header a tag above the previous one, an explicit VR or an
    /// implicit 32-bit length, and a value that fits in the file. The first group must be a low one (0000 of ACR-NEMA,
    /// 0002 meta, 0008 identification): data sets are sorted by tag (PS3.5 7.1).
    /// </summary>
    private static bool LooksLikeDataSet(ReadOnlySpan<byte> head, long fileLength, bool bigEndian)
    {
        long offset = 0;
        uint previous = 0;
        var elements = 0;
        while (elements < ElementsChecked && offset + 8 <= head.Length)
        {
            var span = head[(int)offset..];
            var group = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
            var element = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
            var tag = ((uint)group << 16) | element;
            if ((elements == 0 && group > 0x0010) || group % 2 != 0 || (elements > 0 && tag <= previous))
            {
                return false;
            }

            long header;
            long length;
            if (DicomVRExtensions.TryParse(span[4], span[5], out var vr))
            {
                if (vr.HasLongLength())
                {
                    if (span.Length < 12)
                    {
                        break;
                    }

                    header = 12;
                    length = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                }
                else
                {
                    header = 8;
                    length = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
                }
            }
            else if (bigEndian)
            {
                return false; // Implicit VR is little endian only (PS3.5 A.1).
            }
            else
            {
                header = 8;
                length = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            }

            elements++;
            if (length == 0xFFFFFFFF)
            {
                break; // Undefined length (a sequence): the header was plausible, the items are not walked here.
            }

            offset += header + length;
            if (offset > fileLength)
            {
                return false;
            }

            previous = tag;
            if (offset == fileLength)
            {
                break;
            }
        }

        return elements > 0;
    }
}
