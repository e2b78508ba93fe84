using System.Globalization;
using System.Text;
using System.Xml;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Reads the Native DICOM Model of PS3.19 A.1 into a dataset. The XML is read forward with an
/// <see cref="XmlReader"/> (no DTD, no external entities) into light attribute nodes, then each
/// dataset is built once its attributes are known, which private tags need (see
/// <see cref="XmlAttributeNode"/>). The namespace is not checked: DCMTK omits it by default.
/// </summary>
public sealed partial class DicomXmlReader
{
    private readonly DicomXmlReaderOptions _options;

    public DicomXmlReader(DicomXmlReaderOptions? options = null)
    {
        _options = options ?? DicomXmlReaderOptions.Default;
    }

    /// <summary>Reads a NativeDicomModel document.</summary>
    public async Task<DicomDataset> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlReaderSettings
        {
            Async = true,
            // Hostile documents: no DTD (entity expansion bombs), no resolver (external entities).
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            if (await reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element || reader.LocalName != "NativeDicomModel")
            {
                throw new DicomException($"not a Native DICOM Model document: root is <{reader.LocalName}> (PS3.19 A.1)");
            }

            var nodes = await ReadAttributeListAsync(reader, 0, cancellationToken).ConfigureAwait(false);
            var text = new DeferredText(_options.OnDeviation);
            var dataset = Build(nodes, text);
            text.Complete(dataset);
            return dataset;
        }
        catch (XmlException exception)
        {
            throw new DicomException($"malformed XML at line {exception.LineNumber}: {exception.Message}", innerException: exception);
        }
    }

    /// <summary>Reads a document held in a string (tests, small payloads).</summary>
    public DicomDataset Read(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        // A MemoryStream completes every read synchronously and no context is captured.
        return ReadAsync(stream).GetAwaiter().GetResult();
    }

    private async Task<List<XmlAttributeNode>> ReadAttributeListAsync(XmlReader reader, int depth, CancellationToken cancellationToken)
    {
        var nodes = new List<XmlAttributeNode>();
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return nodes;
        }

        await reader.ReadAsync().ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (await reader.MoveToContentAsync().ConfigureAwait(false))
            {
                case XmlNodeType.EndElement:
                    await reader.ReadAsync().ConfigureAwait(false);
                    return nodes;
                case XmlNodeType.Element when reader.LocalName == "DicomAttribute":
                    nodes.Add(await ReadAttributeAsync(reader, depth, cancellationToken).ConfigureAwait(false));
                    break;
                case XmlNodeType.Element:
                    Report(reader, null, $"unexpected <{reader.LocalName}> skipped");
                    await reader.SkipAsync().ConfigureAwait(false);
                    break;
                case XmlNodeType.None:
                    throw new DicomException("XML ends inside a dataset");
                default:
                    await reader.ReadAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task<XmlAttributeNode> ReadAttributeAsync(XmlReader reader, int depth, CancellationToken cancellationToken)
    {
        var line = Line(reader);
        var tagText = reader.GetAttribute("tag");
        if (tagText is not { Length: 8 } || !uint.TryParse(tagText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tagValue))
        {
            throw new DicomException($"DicomAttribute at line {line} has tag '{tagText}', not eight hex digits (PS3.19 A.1.5)");
        }

        var tag = new DicomTag(tagValue);
        var vrText = reader.GetAttribute("vr");
        DicomVR vr;
        if (vrText is null)
        {
            vr = DicomDictionary.GetVR(tag);
            Report(reader, tag, $"DicomAttribute has no vr; {vr.Code()} assumed from the dictionary");
        }
        else if (!DicomVRExtensions.TryParse(vrText, out vr))
        {
            throw new DicomException($"'{vrText}' is not a VR (line {line})", tag: tag);
        }

        var node = new XmlAttributeNode(tag, vr, reader.GetAttribute("privateCreator"), line);
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return node;
        }

        await reader.ReadAsync().ConfigureAwait(false);
        while (true)
        {
            switch (await reader.MoveToContentAsync().ConfigureAwait(false))
            {
                case XmlNodeType.EndElement:
                    await reader.ReadAsync().ConfigureAwait(false);
                    return node;
                case XmlNodeType.None:
                    throw new DicomException($"XML ends inside DicomAttribute {tag}");
                case XmlNodeType.Element:
                    await ReadChildAsync(reader, node, depth, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    // Stray text between the children of a DicomAttribute carries nothing.
                    await reader.ReadAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task ReadChildAsync(XmlReader reader, XmlAttributeNode node, int depth, CancellationToken cancellationToken)
    {
        switch (reader.LocalName)
        {
            case "Value":
            {
                var number = Number(reader, node.Values.Count);
                node.SetValue(number, await reader.ReadElementContentAsStringAsync().ConfigureAwait(false));
                break;
            }

            case "PersonName":
            {
                var number = Number(reader, node.Values.Count);
                node.SetValue(number, await ReadPersonNameAsync(reader).ConfigureAwait(false));
                break;
            }

            case "Item":
            {
                if (depth + 1 > _options.MaxSequenceDepth)
                {
                    throw new DicomException($"sequences nest deeper than {_options.MaxSequenceDepth} levels (line {Line(reader)})", tag: node.Tag);
                }

                var items = node.Items ??= [];
                var number = Number(reader, items.Count);
                var item = await ReadAttributeListAsync(reader, depth + 1, cancellationToken).ConfigureAwait(false);
                while (items.Count < number)
                {
                    items.Add([]);
                }

                items[number - 1] = item;
                break;
            }

            case "InlineBinary":
                node.InlineBinary = await ReadBase64Async(reader).ConfigureAwait(false);
                break;
            case "BulkData":
                // PS3.19 A.1.5 names bulk data by uri or by uuid (DCMTK writes uuid by default).
                node.BulkDataUri = reader.GetAttribute("uri") ?? reader.GetAttribute("uuid");
                await reader.SkipAsync().ConfigureAwait(false);
                break;
            default:
                Report(reader, node.Tag, $"unexpected <{reader.LocalName}> in DicomAttribute skipped");
                await reader.SkipAsync().ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The number attribute (1-based position, PS3.19 A.1.5); when absent, the next position.</summary>
    private int Number(XmlReader reader, int count)
    {
        var text = reader.GetAttribute("number");
        if (text is null)
        {
            Report(reader, null, $"<{reader.LocalName}> without number taken as number {count + 1}");
            return count + 1;
        }

        // The bound keeps a hostile number="2000000000" from allocating gaps.
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > count + 65_536)
        {
            throw new DicomException($"number '{text}' at line {Line(reader)} is not a plausible position");
        }

        return number;
    }

    private static async Task<string?> ReadPersonNameAsync(XmlReader reader)
    {
        var groups = new string?[3];
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return null;
        }

        await reader.ReadAsync().ConfigureAwait(false);
        while (true)
        {
            switch (await reader.MoveToContentAsync().ConfigureAwait(false))
            {
                case XmlNodeType.EndElement:
                    await reader.ReadAsync().ConfigureAwait(false);
                    return PersonNameText.Join(groups);
                case XmlNodeType.Element:
                    // "SingleByte" is what editions before 2011 called the alphabetic group.
                    var index = reader.LocalName == "SingleByte" ? 0 : Array.IndexOf(PersonNameText.GroupNames, reader.LocalName);
                    if (index < 0)
                    {
                        await reader.SkipAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        groups[index] = await ReadComponentsAsync(reader).ConfigureAwait(false);
                    }

                    break;
                case XmlNodeType.None:
                    throw new DicomException("XML ends inside a PersonName");
                default:
                    await reader.ReadAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Components joined by '^', trailing empty ones left out (PS3.5 6.2.1.1).</summary>
    private static async Task<string> ReadComponentsAsync(XmlReader reader)
    {
        var components = new string?[PersonNameText.ComponentNames.Length];
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return string.Empty;
        }

        await reader.ReadAsync().ConfigureAwait(false);
        while (true)
        {
            switch (await reader.MoveToContentAsync().ConfigureAwait(false))
            {
                case XmlNodeType.EndElement:
                    await reader.ReadAsync().ConfigureAwait(false);
                    var last = Array.FindLastIndex(components, c => !string.IsNullOrEmpty(c));
                    return string.Join('^', components.Take(last + 1).Select(c => c ?? string.Empty));
                case XmlNodeType.Element:
                    var index = Array.IndexOf(PersonNameText.ComponentNames, reader.LocalName);
                    if (index < 0)
                    {
                        await reader.SkipAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        components[index] = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                    }

                    break;
                case XmlNodeType.None:
                    throw new DicomException("XML ends inside a PersonName component group");
                default:
                    await reader.ReadAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task<byte[]> ReadBase64Async(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync().ConfigureAwait(false);
            return [];
        }

        using var bytes = new MemoryStream();
        var buffer = new byte[48 * 1024];
        int read;
        while ((read = await reader.ReadElementContentAsBase64Async(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
        {
            bytes.Write(buffer, 0, read);
        }

        return bytes.ToArray();
    }

    private static long Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : -1;

    private void Report(XmlReader reader, DicomTag? tag, string message) =>
        _options.OnDeviation?.Invoke(new DicomDeviation(-1, tag, $"line {Line(reader)}: {message}"));
}
