using System.Buffers.Binary;
using System.Text;

namespace Tessera.Archive.Ingest;

/// <summary>
/// Reads what precedes the data set in a Part 10 stream (PS3.10 7.1): the preamble, "DICM" and the
/// File Meta Information, keeping only what ingest needs (the transfer syntax, the SOP UIDs the
/// meta announces, the source AE). The stored file gets a meta built anew (this implementation
/// writes it, PS3.10 7.1), so the incoming one is parsed, not copied. Lenient (STYLE 11): no
/// preamble, "DICM" without preamble, implicit-VR meta and missing meta are accepted and reported.
/// </summary>
internal sealed class Part10Prelude
{
    /// <summary>A meta element longer than this is not a meta element: 64 KiB bounds memory for hostile input.</summary>
    private const int MaxMetaValueLength = 64 * 1024;

    public string? TransferSyntaxUid { get; private set; }

    public string? MediaStorageSopClassUid { get; private set; }

    public string? MediaStorageSopInstanceUid { get; private set; }

    public string? SourceApplicationEntityTitle { get; private set; }

    public List<string> Deviations { get; } = [];

    /// <summary>The input had "DICM" or File Meta Information: it at least claims to be DICOM.</summary>
    public bool LooksLikeDicom { get; private set; }

    /// <summary>Consumes preamble and meta from <paramref name="input"/>, leaving it at the data set's first byte.</summary>
    /// <exception cref="InvalidDataException">The meta cannot be parsed.</exception>
    public static async ValueTask<Part10Prelude> ReadAsync(ChunkReader input, CancellationToken cancellationToken)
    {
        var prelude = new Part10Prelude();
        await input.EnsureAsync(132, cancellationToken).ConfigureAwait(false);
        var head = input.Span;
        if (head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            input.Consume(132);
            prelude.LooksLikeDicom = true;
        }
        else if (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8))
        {
            prelude.Deviations.Add("\"DICM\" without the 128-byte preamble");
            input.Consume(4);
            prelude.LooksLikeDicom = true;
        }
        else
        {
            prelude.Deviations.Add("no preamble and \"DICM\" (PS3.10 7.1)");
        }

        while (await input.EnsureAsync(8, cancellationToken).ConfigureAwait(false)
            && BinaryPrimitives.ReadUInt16LittleEndian(input.Span) == 0x0002)
        {
            prelude.LooksLikeDicom = true;
            var span = input.Span;
            var element = BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
            int headerLength;
            long valueLength;
            if (DicomVRExtensions.TryParse(span[4], span[5], out var vr))
            {
                if (vr.HasLongLength())
                {
                    if (!await input.EnsureAsync(12, cancellationToken).ConfigureAwait(false))
                    {
                        throw new InvalidDataException("input ends inside the File Meta Information");
                    }

                    span = input.Span;
                    headerLength = 12;
                    valueLength = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                }
                else
                {
                    headerLength = 8;
                    valueLength = BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
                }
            }
            else
            {
                prelude.Deviations.Add("File Meta Information in implicit VR (PS3.10 7.1 requires explicit VR little endian)");
                headerLength = 8;
                valueLength = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            }

            if (valueLength > MaxMetaValueLength)
            {
                throw new InvalidDataException($"File Meta Information element (0002,{element:X4}) has length {valueLength}");
            }

            if (!await input.EnsureAsync(headerLength + (int)valueLength, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("input ends inside the File Meta Information");
            }

            var value = Encoding.ASCII.GetString(input.Span.Slice(headerLength, (int)valueLength)).TrimEnd('\0', ' ');
            switch (element)
            {
                case 0x0002: prelude.MediaStorageSopClassUid = value; break;
                case 0x0003: prelude.MediaStorageSopInstanceUid = value; break;
                case 0x0010: prelude.TransferSyntaxUid = value.Length > 0 ? value : null; break;
                case 0x0016: prelude.SourceApplicationEntityTitle = value.Length > 0 ? value : null; break;
                default: break;
            }

            input.Consume(headerLength + valueLength);
        }

        return prelude;
    }

    /// <summary>
    /// The encoding of a data set without (trustworthy) meta, from its first element header: two VR
    /// letters mean explicit VR; the byte order giving the smaller group wins (data sets start with
    /// low groups such as 0008). Null when there are not 8 bytes.
    /// </summary>
    public static DicomTransferSyntax? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            return null;
        }

        if (!DicomVRExtensions.TryParse(bytes[4], bytes[5], out _))
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        return BinaryPrimitives.ReadUInt16BigEndian(bytes) < BinaryPrimitives.ReadUInt16LittleEndian(bytes)
            ? DicomTransferSyntax.ExplicitVRBigEndian
            : DicomTransferSyntax.ExplicitVRLittleEndian;
    }
}
