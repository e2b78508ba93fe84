using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Tessera.Dicom.Text;

namespace Tessera.Dicom.Serialization;

/// <summary>The attribute objects of PS3.18 F.2.2, one per element.</summary>
public sealed partial class DicomJsonWriter
{
    private async Task WriteElementsAsync(Utf8JsonWriter writer, DicomDataset dataset, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        // A copy of the element list: the loop awaits, and a span cannot live across an await.
        var elements = dataset.AsSpan().ToArray();
        foreach (var element in elements)
        {
            if (DicomSerializationRules.IsSkipped(element.Tag))
            {
                continue;
            }

            await WriteElementAsync(writer, dataset, element, sequence, itemIndex, cancellationToken).ConfigureAwait(false);
            if (writer.BytesPending > FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteElementAsync(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        Span<byte> name = stackalloc byte[8];
        FormatTag(element.Tag, name);
        writer.WritePropertyName(name);
        writer.WriteStartObject();

        var vr = element switch
        {
            DicomSequence => DicomVR.SQ,
            // A sequence that reached us as raw bytes (e.g. a UN value never parsed) can only travel as bytes.
            DicomValueElement { VR: DicomVR.SQ, Length: > 0 } => DicomVR.UN,
            _ when !element.VR.IsKnown() => DicomVR.UN,
            _ => element.VR,
        };
        Span<byte> code = [(byte)((ushort)vr >> 8), (byte)vr];
        writer.WriteString("vr"u8, code);

        if (_options.WriteKeyword && DicomSerializationRules.Keyword(element.Tag, _options.KeywordLookup) is { } keyword)
        {
            writer.WriteString("keyword"u8, keyword);
        }

        switch (element)
        {
            case DicomSequence items:
                await WriteSequenceAsync(writer, items, new DicomElementPath(sequence, itemIndex, element.Tag), cancellationToken).ConfigureAwait(false);
                break;
            case DicomFragmentSequence fragments:
                await WriteFragmentsAsync(writer, fragments, sequence, itemIndex, cancellationToken).ConfigureAwait(false);
                break;
            case DicomValueElement value:
                await WriteValueAsync(writer, dataset.CharacterSet, value, vr, sequence, itemIndex, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new DicomException($"cannot write element of type {element.GetType().Name} as JSON", tag: element.Tag);
        }

        writer.WriteEndObject();
    }

    private async Task WriteSequenceAsync(Utf8JsonWriter writer, DicomSequence sequence, DicomElementPath path, CancellationToken cancellationToken)
    {
        if (sequence.Items.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            // An empty item is an empty object (PS3.18 F.2.2).
            writer.WriteStartObject();
            await WriteElementsAsync(writer, sequence.Items[i], path, i, cancellationToken).ConfigureAwait(false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private async Task WriteFragmentsAsync(Utf8JsonWriter writer, DicomFragmentSequence fragments, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        if (_options.BulkDataUriFactory?.Invoke(new DicomElementPath(sequence, itemIndex, fragments.Tag)) is { } uri)
        {
            writer.WriteString("BulkDataURI"u8, uri);
            return;
        }

        // See EncapsulatedValueField: the undefined-length Value Field, items and delimiter included.
        writer.WritePropertyName("InlineBinary"u8);
        var header = new byte[EncapsulatedValueField.HeaderLength];
        EncapsulatedValueField.WriteHeader(header, DicomTag.Item, checked((uint)fragments.BasicOffsetTable.Length));
        writer.WriteBase64StringSegment(header, isFinalSegment: false);
        await WriteBase64SegmentsAsync(writer, fragments.BasicOffsetTable, fragments.Tag, cancellationToken).ConfigureAwait(false);
        foreach (var fragment in fragments.Fragments)
        {
            EncapsulatedValueField.WriteHeader(header, DicomTag.Item, checked((uint)fragment.Length));
            writer.WriteBase64StringSegment(header, isFinalSegment: false);
            await WriteBase64SegmentsAsync(writer, fragment, fragments.Tag, cancellationToken).ConfigureAwait(false);
        }

        EncapsulatedValueField.WriteHeader(header, DicomTag.SequenceDelimitationItem, 0);
        writer.WriteBase64StringSegment(header, isFinalSegment: true);
    }

    private async Task WriteValueAsync(Utf8JsonWriter writer, DicomCharacterSet characterSet, DicomValueElement element, DicomVR vr, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        var value = element.Value;
        if (value.Length == 0)
        {
            // An attribute without value has neither Value nor InlineBinary (PS3.18 F.2.5).
            return;
        }

        if (value.Length > _options.InlineBinaryThreshold
            && DicomSerializationRules.MayBeBulkData(vr)
            && _options.BulkDataUriFactory?.Invoke(new DicomElementPath(sequence, itemIndex, element.Tag)) is { } uri)
        {
            writer.WriteString("BulkDataURI"u8, uri);
            return;
        }

        if (DicomSerializationRules.IsOctetStream(vr))
        {
            writer.WritePropertyName("InlineBinary"u8);
            await WriteBase64SegmentsAsync(writer, value, element.Tag, cancellationToken).ConfigureAwait(false);
            writer.WriteBase64StringSegment([], isFinalSegment: true);
            return;
        }

        var bytes = value.Load();
        if (DicomSerializationRules.IsBinaryNumber(vr))
        {
            WriteBinaryNumbers(writer, bytes.Span, vr);
        }
        else if (vr == DicomVR.AT)
        {
            WriteAttributeTags(writer, bytes.Span);
        }
        else
        {
            WriteStrings(writer, DicomValueText.Split(bytes.Span, vr, characterSet), vr);
        }
    }

    /// <summary>Streams a value as base64 segments of a string already opened; the caller ends the string.</summary>
    private static Task WriteBase64SegmentsAsync(Utf8JsonWriter writer, DicomValue value, DicomTag tag, CancellationToken cancellationToken) =>
        ValueChunks.ForEachAsync(
            value,
            tag,
            async (buffer, count) =>
            {
                writer.WriteBase64StringSegment(buffer.AsSpan(0, count), isFinalSegment: false);
                if (writer.BytesPending > FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);

    private static void WriteBinaryNumbers(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var size = vr.ValueSize();
        var count = bytes.Length / size;
        if (count == 0)
        {
            return;
        }

        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            var item = bytes.Slice(i * size, size);
            switch (vr)
            {
                case DicomVR.US:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(item));
                    break;
                case DicomVR.SS:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(item));
                    break;
                case DicomVR.UL:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(item));
                    break;
                case DicomVR.SL:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(item));
                    break;
                case DicomVR.SV:
                    writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(item));
                    break;
                case DicomVR.UV:
                    writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(item));
                    break;
                case DicomVR.FL:
                    WriteFloatingPoint(writer, BinaryPrimitives.ReadSingleLittleEndian(item));
                    break;
                default:
                    WriteFloatingPoint(writer, BinaryPrimitives.ReadDoubleLittleEndian(item));
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// JSON has no NaN or infinity; FL and FD may hold them (IEEE 754). They are written as the
    /// strings "NaN", "Infinity" and "-Infinity", the names System.Text.Json and JavaScript use,
    /// and read back as such; a strict consumer sees a string where it expected a number.
    /// </summary>
    private static void WriteFloatingPoint(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteFloatingPoint(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>AT values as eight upper-case hex digits (PS3.18 F.2.3), group first.</summary>
    private static void WriteAttributeTags(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes)
    {
        var count = bytes.Length / 4;
        if (count == 0)
        {
            return;
        }

        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        Span<byte> text = stackalloc byte[8];
        for (var i = 0; i < count; i++)
        {
            var tag = new DicomTag(
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 4)..]),
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 4 + 2)..]));
            FormatTag(tag, text);
            writer.WriteStringValue(text);
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string?[] values, DicomVR vr)
    {
        if (vr == DicomVR.PN)
        {
            values = NormalizePersonNames(values);
        }

        if (values.Length == 0)
        {
            return;
        }

        writer.WritePropertyName("Value"u8);
        writer.WriteStartArray();
        Span<byte> number = stackalloc byte[64];
        foreach (var value in values)
        {
            if (value is null)
            {
                // An empty value among several is null (PS3.18 F.2.5).
                writer.WriteNullValue();
            }
            else if (vr == DicomVR.PN)
            {
                WritePersonName(writer, value);
            }
            else if (vr is DicomVR.DS or DicomVR.IS
                && DicomNumberText.TryToJsonNumber(value, vr == DicomVR.IS, number, out var written))
            {
                // Raw text, not a double: keeps the digits the modality wrote ("1.50", 16 significant digits).
                writer.WriteRawValue(number[..written], skipInputValidation: true);
            }
            else
            {
                // Includes DS/IS text that is no number at all ("N/A" from a faulty modality): a
                // string keeps it, which PS3.18 Table F.2.3-1 (CP 1861) allows for DS and IS.
                writer.WriteStringValue(value);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Person names without trailing separators; none at all when every one is empty.</summary>
    internal static string?[] NormalizePersonNames(string?[] values)
    {
        var normalized = Array.ConvertAll(values, PersonNameText.Normalize);
        return Array.TrueForAll(normalized, v => v is null) ? [] : normalized;
    }

    /// <summary>A PN value as an object of its non-empty component groups (PS3.18 F.2.2).</summary>
    private static void WritePersonName(Utf8JsonWriter writer, string value)
    {
        writer.WriteStartObject();
        var groups = value.Split('=');
        ReadOnlySpan<string> names = ["Alphabetic", "Ideographic", "Phonetic"];
        for (var i = 0; i < groups.Length && i < names.Length; i++)
        {
            if (groups[i].Length > 0)
            {
                writer.WriteString(names[i], groups[i]);
            }
        }

        writer.WriteEndObject();
    }

    private static void FormatTag(DicomTag tag, Span<byte> destination)
    {
        tag.Value.TryFormat(destination, out _, "X8", CultureInfo.InvariantCulture);
    }
}
