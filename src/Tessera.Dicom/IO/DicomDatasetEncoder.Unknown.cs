using System.Buffers;
using System.Buffers.Binary;

namespace Tessera.Dicom.IO;

/// <summary>
/// Sequences that reached us as UN with a defined length (an implicit-to-explicit converter that did
/// not know the tag): PS3.5 6.2.2 says their value is the items encoded in Implicit VR Little
/// Endian, so in explicit-VR output they are parsed and written as the SQ the dictionary says they
/// are. (UN of undefined length is already a <see cref="DicomSequence"/>: the reader parses it, CP-246.)
/// </summary>
internal sealed partial class DicomDatasetEncoder
{
    /// <summary>Beyond this a UN value is not parsed in memory to become a sequence; it stays UN. Sequences that large are bulk data in disguise.</summary>
    private const long MaximumReinterpretedSequenceLength = 16 * 1024 * 1024;

    private Dictionary<DicomValueElement, DicomSequence?>? _unknownSequences;

    /// <summary>The sequence a UN element holds, when it is to be written as SQ; null to write it as it is.</summary>
    private DicomSequence? AsSequence(DicomValueElement element)
    {
        if (!_resolveUnknown || element.VR != DicomVR.UN || element.Tag.IsPrivate
            || element.Value.Length > MaximumReinterpretedSequenceLength
            || DicomDictionary.Find(element.Tag) is not { ValueRepresentations: [DicomVR.SQ] })
        {
            return null;
        }

        _unknownSequences ??= new Dictionary<DicomValueElement, DicomSequence?>(ReferenceEqualityComparer.Instance);
        if (!_unknownSequences.TryGetValue(element, out var sequence))
        {
            sequence = ParseSequence(element);
            _unknownSequences.Add(element, sequence);
        }

        return sequence;
    }

    /// <summary>
    /// Parses the items with the reader by giving it the element as an implicit VR data set: the tag
    /// and the defined length in front of the value. Bytes that do not parse leave the element UN.
    /// </summary>
    private static DicomSequence? ParseSequence(DicomValueElement element)
    {
        var value = element.Value.Load();
        var bytes = new byte[8 + value.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, element.Tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), element.Tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)value.Length);
        value.Span.CopyTo(bytes.AsSpan(8));
        try
        {
            var reader = new DicomDatasetReader(DicomTransferSyntax.ImplicitVRLittleEndian, length: bytes.Length);
            var input = new ReadOnlySequence<byte>(bytes);
            return reader.Read(ref input, isFinalBlock: true) == OperationStatus.Done && input.IsEmpty && reader.Deviations.Count == 0
                ? reader.Dataset[element.Tag] as DicomSequence
                : null;
        }
        catch (DicomException)
        {
            return null;
        }
    }
}
