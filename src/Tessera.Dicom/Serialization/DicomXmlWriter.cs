using System.Globalization;
using System.Text;
using System.Xml;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Writes a dataset as the Native DICOM Model of PS3.19 A.1 with an <see cref="XmlWriter"/>:
/// streamed, bulk values read and base64-encoded in chunks.
/// </summary>
public sealed class DicomXmlWriter
{
    /// <summary>The namespace of the Native DICOM Model schema (PS3.19 A.1.6).</summary>
    public const string Namespace = "http://dicom.nema.org/PS3.19/models/NativeDICOM";

    private readonly DicomXmlWriterOptions _options;

    public DicomXmlWriter(DicomXmlWriterOptions? options = null)
    {
        _options = options ?? DicomXmlWriterOptions.Default;
    }

    /// <summary>Writes one dataset as a NativeDicomModel document in UTF-8.</summary>
    public async Task WriteAsync(Stream stream, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        var settings = new XmlWriterSettings
        {
            Async = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = _options.Indented,
            // Text is checked and cleaned below (ToXmlText), so the writer never throws mid-document.
            CheckCharacters = true,
            CloseOutput = false,
            // CR must survive: a reader turns a literal CR LF into LF (XML 1.0 section 2.11).
            NewLineHandling = NewLineHandling.Entitize,
        };
        var writer = XmlWriter.Create(stream, settings);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteStartDocumentAsync().ConfigureAwait(false);
            await writer.WriteStartElementAsync(null, "NativeDicomModel", _options.WriteNamespace ? Namespace : null).ConfigureAwait(false);
            // Values are text whose spaces matter (PS3.19 A.1.6 declares xml:space="preserve").
            await writer.WriteAttributeStringAsync("xml", "space", null, "preserve").ConfigureAwait(false);
            await WriteElementsAsync(writer, dataset, null, -1, cancellationToken).ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false);
            await writer.WriteEndDocumentAsync().ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The document for a small, in-memory dataset, as a string.</summary>
    public string Serialize(DicomDataset dataset)
    {
        using var stream = new MemoryStream();
        // In-memory stream and values: every await completes synchronously; no context is captured.
        WriteAsync(stream, dataset).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private async Task WriteElementsAsync(XmlWriter writer, DicomDataset dataset, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        foreach (var element in dataset.AsSpan().ToArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!DicomSerializationRules.IsSkipped(element.Tag))
            {
                await WriteElementAsync(writer, dataset, element, sequence, itemIndex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteElementAsync(XmlWriter writer, DicomDataset dataset, DicomElement element, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        var vr = element switch
        {
            DicomSequence => DicomVR.SQ,
            DicomValueElement { VR: DicomVR.SQ, Length: > 0 } => DicomVR.UN,
            _ when !element.VR.IsKnown() => DicomVR.UN,
            _ => element.VR,
        };

        await writer.WriteStartElementAsync(null, "DicomAttribute", null).ConfigureAwait(false);
        var tag = element.Tag;
        var creator = PrivateCreatorOf(dataset, tag);
        // PS3.19 A.1.5: a private element is named by its creator and its offset in the block,
        // ggggxxee written as gggg00ee, so the name does not depend on the block the file used.
        var written = creator is null ? tag.Value : tag.Value & 0xFFFF00FF;
        await writer.WriteAttributeStringAsync(null, "tag", null, written.ToString("X8", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await writer.WriteAttributeStringAsync(null, "vr", null, vr.Code()).ConfigureAwait(false);
        if (_options.WriteKeyword && DicomSerializationRules.Keyword(tag, _options.KeywordLookup) is { } keyword)
        {
            await writer.WriteAttributeStringAsync(null, "keyword", null, keyword).ConfigureAwait(false);
        }

        if (creator is not null)
        {
            await writer.WriteAttributeStringAsync(null, "privateCreator", null, ToXmlText(creator)).ConfigureAwait(false);
        }

        switch (element)
        {
            case DicomSequence items:
                var path = new DicomElementPath(sequence, itemIndex, tag);
                for (var i = 0; i < items.Items.Count; i++)
                {
                    await writer.WriteStartElementAsync(null, "Item", null).ConfigureAwait(false);
                    await WriteNumberAsync(writer, i + 1).ConfigureAwait(false);
                    await WriteElementsAsync(writer, items.Items[i], path, i, cancellationToken).ConfigureAwait(false);
                    await writer.WriteEndElementAsync().ConfigureAwait(false);
                }

                break;
            case DicomFragmentSequence fragments:
                await WriteFragmentsAsync(writer, fragments, sequence, itemIndex, cancellationToken).ConfigureAwait(false);
                break;
            case DicomValueElement value:
                await WriteValueAsync(writer, dataset, value, vr, sequence, itemIndex, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new DicomException($"cannot write element of type {element.GetType().Name} as XML", tag: tag);
        }

        await writer.WriteEndElementAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The creator to name a private element by, or null to write its full tag: when the creator
    /// is missing, empty, not LO (a UN creator from an implicit file reads back as bytes, not
    /// text) or reserves more than one block of the group, so the reader could not find the block.
    /// </summary>
    private static string? PrivateCreatorOf(DicomDataset dataset, DicomTag tag)
    {
        if (!tag.IsPrivate || tag.IsPrivateCreator || tag.Element < 0x1000
            || dataset[tag.PrivateCreatorTag] is not DicomValueElement { VR: DicomVR.LO })
        {
            return null;
        }

        var creator = dataset.GetPrivateCreator(tag);
        return string.IsNullOrEmpty(creator) || dataset.FindPrivateTag(tag.Group, creator, (byte)tag.Element) != tag ? null : creator;
    }

    private async Task WriteFragmentsAsync(XmlWriter writer, DicomFragmentSequence fragments, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        if (_options.BulkDataUriFactory?.Invoke(new DicomElementPath(sequence, itemIndex, fragments.Tag)) is { } uri)
        {
            await WriteBulkDataAsync(writer, uri).ConfigureAwait(false);
            return;
        }

        // As for JSON (see EncapsulatedValueField): the item-encoded value field, delimiter included.
        await writer.WriteStartElementAsync(null, "InlineBinary", null).ConfigureAwait(false);
        var header = new byte[EncapsulatedValueField.HeaderLength];
        EncapsulatedValueField.WriteHeader(header, DicomTag.Item, checked((uint)fragments.BasicOffsetTable.Length));
        await writer.WriteBase64Async(header, 0, header.Length).ConfigureAwait(false);
        await WriteBase64Async(writer, fragments.BasicOffsetTable, fragments.Tag, cancellationToken).ConfigureAwait(false);
        foreach (var fragment in fragments.Fragments)
        {
            EncapsulatedValueField.WriteHeader(header, DicomTag.Item, checked((uint)fragment.Length));
            await writer.WriteBase64Async(header, 0, header.Length).ConfigureAwait(false);
            await WriteBase64Async(writer, fragment, fragments.Tag, cancellationToken).ConfigureAwait(false);
        }

        EncapsulatedValueField.WriteHeader(header, DicomTag.SequenceDelimitationItem, 0);
        await writer.WriteBase64Async(header, 0, header.Length).ConfigureAwait(false);
        await writer.WriteEndElementAsync().ConfigureAwait(false);
    }

    private async Task WriteValueAsync(XmlWriter writer, DicomDataset dataset, DicomValueElement element, DicomVR vr, DicomElementPath? sequence, int itemIndex, CancellationToken cancellationToken)
    {
        var value = element.Value;
        if (value.Length == 0)
        {
            return;
        }

        if (DicomSerializationRules.IsOctetStream(vr))
        {
            if (value.Length > _options.InlineBinaryThreshold
                && _options.BulkDataUriFactory?.Invoke(new DicomElementPath(sequence, itemIndex, element.Tag)) is { } uri)
            {
                await WriteBulkDataAsync(writer, uri).ConfigureAwait(false);
                return;
            }

            await writer.WriteStartElementAsync(null, "InlineBinary", null).ConfigureAwait(false);
            await WriteBase64Async(writer, value, element.Tag, cancellationToken).ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false);
            return;
        }

        var bytes = value.Load();
        var values = vr == DicomVR.AT || DicomSerializationRules.IsBinaryNumber(vr)
            ? BinaryValueText.Format(bytes.Span, vr)
            : DicomValueText.Split(bytes.Span, vr, dataset.CharacterSet);
        if (vr == DicomVR.PN)
        {
            values = DicomJsonWriter.NormalizePersonNames(values);
        }

        for (var i = 0; i < values.Length; i++)
        {
            // An empty value is an empty element, so the values after it keep their numbers and
            // trailing empty values their count (VM).
            var text = values[i] ?? string.Empty;
            if (vr == DicomVR.PN)
            {
                await WritePersonNameAsync(writer, i + 1, text).ConfigureAwait(false);
            }
            else
            {
                await writer.WriteStartElementAsync(null, "Value", null).ConfigureAwait(false);
                await WriteNumberAsync(writer, i + 1).ConfigureAwait(false);
                await writer.WriteStringAsync(ToXmlText(text)).ConfigureAwait(false);
                await writer.WriteEndElementAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>PS3.19 A.1.5: each component group an element, each non-empty component a child.</summary>
    private static async Task WritePersonNameAsync(XmlWriter writer, int number, string value)
    {
        await writer.WriteStartElementAsync(null, "PersonName", null).ConfigureAwait(false);
        await WriteNumberAsync(writer, number).ConfigureAwait(false);
        var groups = value.Split('=');
        for (var g = 0; g < groups.Length && g < PersonNameText.GroupNames.Length; g++)
        {
            if (groups[g].Length == 0)
            {
                continue;
            }

            await writer.WriteStartElementAsync(null, PersonNameText.GroupNames[g], null).ConfigureAwait(false);
            var components = groups[g].Split('^');
            for (var c = 0; c < components.Length && c < PersonNameText.ComponentNames.Length; c++)
            {
                if (components[c].Length > 0)
                {
                    await writer.WriteElementStringAsync(null, PersonNameText.ComponentNames[c], null, ToXmlText(components[c])).ConfigureAwait(false);
                }
            }

            await writer.WriteEndElementAsync().ConfigureAwait(false);
        }

        await writer.WriteEndElementAsync().ConfigureAwait(false);
    }

    private static Task WriteNumberAsync(XmlWriter writer, int number) =>
        writer.WriteAttributeStringAsync(null, "number", null, number.ToString(CultureInfo.InvariantCulture));

    private static async Task WriteBulkDataAsync(XmlWriter writer, string uri)
    {
        await writer.WriteStartElementAsync(null, "BulkData", null).ConfigureAwait(false);
        await writer.WriteAttributeStringAsync(null, "uri", null, uri).ConfigureAwait(false);
        await writer.WriteEndElementAsync().ConfigureAwait(false);
    }

    /// <summary>Base64 of a value in chunks; XmlWriter carries the 1-2 bytes left over between calls.</summary>
    private static Task WriteBase64Async(XmlWriter writer, DicomValue value, DicomTag tag, CancellationToken cancellationToken) =>
        ValueChunks.ForEachAsync(value, tag, async (buffer, count) => await writer.WriteBase64Async(buffer, 0, count).ConfigureAwait(false), cancellationToken);

    /// <summary>
    /// XML 1.0 cannot carry most C0 controls, even as character references; values from faulty
    /// files sometimes hold them. They become U+FFFD so the document stays well-formed.
    /// </summary>
    private static string ToXmlText(string text)
    {
        var firstInvalid = XmlCharacters.IndexOfInvalid(text);
        if (firstInvalid < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstInvalid);
        for (var i = firstInvalid; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }

        return builder.ToString();
    }
}
