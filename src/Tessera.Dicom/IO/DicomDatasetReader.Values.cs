using System.Buffers;
using Tessera.Dicom.Text;

namespace Tessera.Dicom.IO;

/// <summary>Values: left in the source as bulk references, or copied (and byte-swapped) into memory as they arrive.</summary>
public sealed partial class DicomDatasetReader
{
    private void BeginValue(ref SequenceReader<byte> reader, PendingKind kind, DicomTag tag, DicomVR vr, uint length, long valueStart, bool bigEndian)
    {
        if (kind != PendingKind.OffsetTable && _bulkDataSource is not null && length > _options.BulkDataThreshold)
        {
            AddValue(kind, tag, vr, new DicomValue(new DicomBulkDataReference(_bulkDataSource, valueStart, length)));
            _pendingSkip = length;
            return;
        }

        if (length > _options.MaxInMemoryValueLength || length > Array.MaxLength)
        {
            throw new DicomException($"value of {length} bytes is too large to hold in memory", valueStart, tag);
        }

        if (length == 0)
        {
            AddValue(kind, tag, vr, DicomValue.Empty);
            return;
        }

        // Allocate what is buffered (at least 64 KiB), not what the length field claims: the array
        // grows as bytes arrive, so a forged length on a short stream costs at most twice the input.
        var available = reader.Remaining;
        var capacity = (int)Math.Min(length, Math.Max(available, InitialPendingCapacity));
        _pending = new PendingValue
        {
            Kind = kind,
            Tag = tag,
            VR = vr,
            Offset = valueStart,
            Length = (int)length,
            Bytes = new byte[capacity],
            BigEndian = bigEndian,
        };
    }

    /// <summary>Copies buffered bytes into the pending value; true when it is complete.</summary>
    private bool FillPending(ref SequenceReader<byte> reader)
    {
        ref var pending = ref _pending;
        while (pending.Filled < pending.Length && !reader.End)
        {
            if (pending.Filled == pending.Bytes.Length)
            {
                var grown = (int)Math.Min(pending.Length, (long)pending.Bytes.Length * 2);
                Array.Resize(ref pending.Bytes, grown);
            }

            var span = reader.UnreadSpan;
            var count = Math.Min(span.Length, Math.Min(pending.Length, pending.Bytes.Length) - pending.Filled);
            span[..count].CopyTo(pending.Bytes.AsSpan(pending.Filled));
            pending.Filled += count;
            Advance(ref reader, count);
        }

        return pending.Filled == pending.Length;
    }

    private void CompletePending()
    {
        var pending = _pending;
        _pending = default;
        if (pending.BigEndian)
        {
            SwapToLittleEndian(pending.Bytes, pending.VR);
        }

        AddValue(pending.Kind, pending.Tag, pending.VR, new DicomValue(pending.Bytes));
    }

    private void AddValue(PendingKind kind, DicomTag tag, DicomVR vr, DicomValue value)
    {
        ref var frame = ref Top;
        switch (kind)
        {
            case PendingKind.OffsetTable:
                frame.Fragments = new DicomFragmentSequence(tag, vr, value, []);
                frame.Dataset.Add(frame.Fragments);
                break;
            case PendingKind.Fragment:
                frame.Fragments!.Add(value);
                break;
            default:
                frame.Dataset.Add(new DicomValueElement(tag, vr, value));
                if (tag == SpecificCharacterSetTag && !value.IsBulkData)
                {
                    CheckSpecificCharacterSet(tag, value);
                }

                break;
        }
    }

    /// <summary>
    /// Misspelt or unknown Specific Character Set terms (PS3.3 C.12.1.1.2) are mapped by
    /// <see cref="DicomCharacterSet"/> to the set they mean; report each mapping here, with the tag,
    /// since decoding a value later (<see cref="DicomDataset.GetString"/>) stays silent. Checked once
    /// per data set or item that declares its own set.
    /// </summary>
    private void CheckSpecificCharacterSet(DicomTag tag, DicomValue value)
    {
        var text = DicomCharacterSet.Default.Decode(value.Memory.Span, DicomVR.CS);
        var offset = _position - value.Length; // the value is complete: it ends here
        DicomCharacterSet.FromSpecificCharacterSet(text, message => Report(offset, tag, message));
    }

    /// <summary>Values are kept little endian (DicomValue's contract); PS3.5 7.3 swaps per value unit.</summary>
    private static void SwapToLittleEndian(Span<byte> bytes, DicomVR vr)
    {
        var unit = vr.ByteSwapUnit();
        if (unit == 1)
        {
            return;
        }

        var whole = bytes.Length / unit * unit;
        for (var i = 0; i < whole; i += unit)
        {
            bytes.Slice(i, unit).Reverse();
        }
    }
}
