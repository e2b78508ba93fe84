using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Tessera.Dicom.Serialization;

/// <summary>The attribute objects of PS3.18 F.2.2, read into elements.</summary>
public sealed partial class DicomJsonReader
{
    private void ReadDataset(ref Utf8JsonReader reader, DicomDataset dataset, DeferredText text, int depth)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a dataset object");
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var offset = reader.TokenStartIndex;
            var tag = ReadTag(ref reader);
            Next(ref reader);
            ReadAttribute(ref reader, dataset, tag, text, depth, offset);
        }
    }

    private static DicomTag ReadTag(ref Utf8JsonReader reader)
    {
        // Escaped names ("\u0030...") are legal JSON, if odd; unescape them rather than fail.
        ReadOnlySpan<byte> name = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(GetText(ref reader)!) : reader.ValueSpan;
        if (name.Length == 8 && uint.TryParse(name, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return new DicomTag(value);
        }

        throw new DicomException($"attribute name '{GetText(ref reader)}' is not a tag of eight hex digits (PS3.18 F.2.2)", reader.TokenStartIndex);
    }

    private void ReadAttribute(ref Utf8JsonReader reader, DicomDataset dataset, DicomTag tag, DeferredText text, int depth, long offset)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an attribute object");
        var vr = DicomVR.None;
        var hasValue = false;
        var valueReader = default(Utf8JsonReader);
        byte[]? inlineBinary = null;
        string? bulkDataUri = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            CheckEscapedText(ref reader);
            if (reader.ValueTextEquals("vr"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.String, "the vr string");
                if (!DicomVRExtensions.TryParse(GetText(ref reader), out vr))
                {
                    throw new DicomException($"'{GetText(ref reader)}' is not a VR", reader.TokenStartIndex, tag);
                }
            }
            else if (reader.ValueTextEquals("Value"u8))
            {
                if (Next(ref reader) == JsonTokenType.Null)
                {
                    continue;
                }

                Expect(ref reader, JsonTokenType.StartArray, "the Value array");
                // The whole document is in one span, so a copy of the reader can come back to the
                // array once "vr" is known: PS3.18 does not fix the order of the members.
                valueReader = reader;
                hasValue = true;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("InlineBinary"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.String, "the InlineBinary base64 string");
                CheckEscapedText(ref reader);
                if (!reader.TryGetBytesFromBase64(out inlineBinary))
                {
                    throw new DicomException("InlineBinary is not valid base64", reader.TokenStartIndex, tag);
                }
            }
            else if (reader.ValueTextEquals("BulkDataURI"u8))
            {
                Next(ref reader);
                Expect(ref reader, JsonTokenType.String, "the BulkDataURI string");
                bulkDataUri = GetText(ref reader);
            }
            else
            {
                // "keyword" and other annotations some writers add carry nothing we need.
                Next(ref reader);
                reader.Skip();
            }
        }

        if (vr == DicomVR.None)
        {
            vr = DicomDictionary.GetVR(tag);
            Report(offset, tag, $"attribute has no \"vr\" (PS3.18 F.2.2 requires it); {vr.Code()} assumed from the dictionary");
        }

        if ((hasValue ? 1 : 0) + (inlineBinary is null ? 0 : 1) + (bulkDataUri is null ? 0 : 1) > 1)
        {
            Report(offset, tag, "attribute has more than one of Value, InlineBinary and BulkDataURI; the first of them in that order is used");
        }

        if (vr == DicomVR.SQ)
        {
            var sequence = new DicomSequence(tag);
            dataset.Add(sequence);
            if (hasValue)
            {
                ReadItems(ref valueReader, sequence, text, depth + 1);
            }
            else if (inlineBinary is not null || bulkDataUri is not null)
            {
                Report(offset, tag, "a sequence cannot be InlineBinary or BulkDataURI; read as empty");
            }
        }
        else if (hasValue)
        {
            ReadValues(ref valueReader, dataset, tag, vr, text, offset);
        }
        else if (inlineBinary is not null)
        {
            dataset.Add(EncapsulatedValueField.ToElement(tag, vr, inlineBinary));
        }
        else if (bulkDataUri is not null)
        {
            dataset.Add(new DicomValueElement(tag, vr, ResolveBulkData(bulkDataUri, tag, offset)));
        }
        else
        {
            dataset.Add(new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
        }
    }

    private DicomValue ResolveBulkData(string uri, DicomTag tag, long offset)
    {
        if (_options.BulkDataUriResolver is { } resolver)
        {
            return resolver(uri);
        }

        Report(offset, tag, $"BulkDataURI '{uri}' not resolved (no resolver); the value is left empty");
        return DicomValue.Empty;
    }

    private void ReadItems(ref Utf8JsonReader reader, DicomSequence sequence, DeferredText text, int depth)
    {
        if (depth > _options.MaxSequenceDepth)
        {
            throw new DicomException($"sequences nest deeper than {_options.MaxSequenceDepth} levels", reader.TokenStartIndex, sequence.Tag);
        }

        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var item = new DicomDataset();
            sequence.Add(item);
            if (reader.TokenType == JsonTokenType.Null)
            {
                Report(reader.TokenStartIndex, sequence.Tag, "null sequence item read as an empty item (PS3.18 F.2.2 writes {})");
                continue;
            }

            ReadDataset(ref reader, item, text, depth);
        }
    }

    private void ReadValues(ref Utf8JsonReader reader, DicomDataset dataset, DicomTag tag, DicomVR vr, DeferredText text, long offset)
    {
        if (DicomSerializationRules.IsBinaryNumber(vr))
        {
            dataset.Add(new DicomValueElement(tag, vr, ReadBinaryNumbers(ref reader, tag, vr)));
        }
        else if (vr == DicomVR.AT)
        {
            dataset.Add(new DicomValueElement(tag, vr, ReadAttributeTags(ref reader, tag)));
        }
        else if (DicomSerializationRules.IsOctetStream(vr))
        {
            throw new DicomException($"{vr.Code()} takes InlineBinary or BulkDataURI, not Value (PS3.18 F.2.2)", reader.TokenStartIndex, tag);
        }
        else
        {
            text.Add(dataset, tag, vr, ReadStrings(ref reader, tag, vr), offset);
        }
    }

    private List<string?> ReadStrings(ref Utf8JsonReader reader, DicomTag tag, DicomVR vr)
    {
        var values = new List<string?>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    values.Add(null);
                    break;
                case JsonTokenType.StartObject when vr == DicomVR.PN:
                    values.Add(ReadPersonName(ref reader, tag));
                    break;
                case JsonTokenType.String:
                    values.Add(GetText(ref reader));
                    break;
                case JsonTokenType.Number when vr == DicomVR.DS:
                    values.Add(DicomNumberText.ToDecimalString(reader.ValueSpan));
                    break;
                case JsonTokenType.Number when vr == DicomVR.IS:
                    if (!DicomNumberText.TryToIntegerString(reader.ValueSpan, out var integer))
                    {
                        // The raw text: GetDouble throws FormatException for numbers beyond double's range (1e309).
                        throw new DicomException($"IS value {System.Text.Encoding.ASCII.GetString(reader.ValueSpan)} is not an integer", reader.TokenStartIndex, tag);
                    }

                    values.Add(integer);
                    break;
                case JsonTokenType.Number:
                    Report(reader.TokenStartIndex, tag, $"{vr.Code()} value given as a JSON number; its text is kept");
                    values.Add(System.Text.Encoding.ASCII.GetString(reader.ValueSpan));
                    break;
                default:
                    throw new DicomException($"{reader.TokenType} is not a {vr.Code()} value", reader.TokenStartIndex, tag);
            }
        }

        return values;
    }

    /// <summary>Component groups joined by '=' (PS3.5 6.2.1), trailing empty groups left out.</summary>
    private string? ReadPersonName(ref Utf8JsonReader reader, DicomTag tag)
    {
        var groups = new string?[3];
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            CheckEscapedText(ref reader);
            var index = reader.ValueTextEquals("Alphabetic"u8) ? 0
                : reader.ValueTextEquals("Ideographic"u8) ? 1
                : reader.ValueTextEquals("Phonetic"u8) ? 2
                : -1;
            Next(ref reader);
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                groups[index] = GetText(ref reader);
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw new DicomException("a person name component group must be a string", reader.TokenStartIndex, tag);
            }
        }

        return PersonNameText.Join(groups);
    }

    private static byte[] ReadAttributeTags(ref Utf8JsonReader reader, DicomTag tag)
    {
        var bytes = new List<byte>();
        Span<byte> value = stackalloc byte[4];
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || !DicomTag.TryParse(GetText(ref reader), out var at))
            {
                throw new DicomException("AT value is not a tag of eight hex digits (PS3.18 F.2.3)", reader.TokenStartIndex, tag);
            }

            BinaryPrimitives.WriteUInt16LittleEndian(value, at.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(value[2..], at.Element);
            bytes.AddRange(value);
        }

        return [.. bytes];
    }

    private byte[] ReadBinaryNumbers(ref Utf8JsonReader reader, DicomTag tag, DicomVR vr)
    {
        var output = new ArrayBufferWriter<byte>();
        var size = vr.ValueSize();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            string text;
            if (reader.TokenType == JsonTokenType.Number)
            {
                text = System.Text.Encoding.ASCII.GetString(reader.ValueSpan);
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                // SV and UV may be strings (PS3.18 Table F.2.3-1); FL and FD carry NaN and infinities so.
                text = GetText(ref reader)!;
                if (vr is not (DicomVR.SV or DicomVR.UV or DicomVR.FL or DicomVR.FD))
                {
                    Report(reader.TokenStartIndex, tag, $"{vr.Code()} value given as a string");
                }
            }
            else
            {
                throw new DicomException($"{reader.TokenType} is not a {vr.Code()} value (empty values cannot be encoded in binary VRs)", reader.TokenStartIndex, tag);
            }

            var span = output.GetSpan(size)[..size];
            if (!BinaryNumberText.TryWrite(text, vr, span))
            {
                throw new DicomException($"'{text}' is not a {vr.Code()} value", reader.TokenStartIndex, tag);
            }

            output.Advance(size);
        }

        return output.WrittenSpan.ToArray();
    }

    private void Report(long offset, DicomTag tag, string message) =>
        _options.OnDeviation?.Invoke(new DicomDeviation(offset, tag, message));
}
