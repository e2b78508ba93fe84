using System.Buffers.Binary;

namespace Tessera.Dicom.Serialization;

/// <summary>Attribute nodes into elements, once a dataset's private creators are known.</summary>
public sealed partial class DicomXmlReader
{
    private DicomDataset Build(List<XmlAttributeNode> nodes, DeferredText text)
    {
        ResolvePrivateTags(nodes);
        var dataset = new DicomDataset();
        foreach (var node in nodes)
        {
            AddElement(dataset, node, text);
        }

        return dataset;
    }

    /// <summary>
    /// Gives each private element written as gggg00ee with a privateCreator the block its
    /// creator holds in this dataset (PS3.5 7.8.1); a creator with no block gets the first free one.
    /// </summary>
    private void ResolvePrivateTags(List<XmlAttributeNode> nodes)
    {
        var blocks = new Dictionary<(ushort Group, string Creator), ushort>();
        var used = new HashSet<DicomTag>();
        foreach (var node in nodes)
        {
            if (node.PrivateCreator is null && node.Tag.IsPrivateCreator)
            {
                used.Add(node.Tag);
                if (node.Values.FirstOrDefault()?.Trim(' ', '\0') is { Length: > 0 } creator)
                {
                    blocks.TryAdd((node.Tag.Group, creator), node.Tag.Element);
                }
            }
        }

        var added = new List<XmlAttributeNode>();
        foreach (var node in nodes)
        {
            if (node.PrivateCreator is not { } creator)
            {
                continue;
            }

            if (!node.Tag.IsPrivate || node.Tag.Element > 0xFF)
            {
                // Already a full tag (or not private at all): the creator is an annotation only.
                continue;
            }

            creator = creator.Trim(' ', '\0');
            if (!blocks.TryGetValue((node.Tag.Group, creator), out var block))
            {
                block = FreeBlock(node.Tag.Group, used)
                    ?? throw new DicomException($"no free private block in group {node.Tag.Group:X4} for creator '{creator}'", tag: node.Tag);
                var creatorNode = new XmlAttributeNode(new DicomTag(node.Tag.Group, block), DicomVR.LO, null, node.Line);
                creatorNode.SetValue(1, creator);
                added.Add(creatorNode);
                used.Add(creatorNode.Tag);
                blocks[(node.Tag.Group, creator)] = block;
                Report(node, $"private creator '{creator}' has no element in the dataset; block {block:X2} reserved for it");
            }

            node.Tag = new DicomTag(node.Tag.Group, (ushort)((block << 8) | (node.Tag.Element & 0xFF)));
        }

        nodes.AddRange(added);
    }

    private static ushort? FreeBlock(ushort group, HashSet<DicomTag> used)
    {
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            if (!used.Contains(new DicomTag(group, block)))
            {
                return block;
            }
        }

        return null;
    }

    private void AddElement(DicomDataset dataset, XmlAttributeNode node, DeferredText text)
    {
        var tag = node.Tag;
        var vr = node.VR;
        if (vr == DicomVR.SQ)
        {
            var sequence = new DicomSequence(tag);
            dataset.Add(sequence);
            foreach (var item in node.Items ?? [])
            {
                sequence.Add(Build(item, text));
            }

            return;
        }

        if (node.Items is not null)
        {
            throw new DicomException($"{vr.Code()} attribute has items (line {node.Line})", tag: tag);
        }

        if (node.Values.Count > 0)
        {
            if (DicomSerializationRules.IsOctetStream(vr))
            {
                throw new DicomException($"{vr.Code()} takes InlineBinary or BulkData, not Value (line {node.Line})", tag: tag);
            }

            if (vr == DicomVR.AT || DicomSerializationRules.IsBinaryNumber(vr))
            {
                dataset.Add(new DicomValueElement(tag, vr, ToBinary(node)));
            }
            else
            {
                var values = node.Values.Select(v => string.IsNullOrEmpty(v) ? null : v).ToList();
                text.Add(dataset, tag, vr, values, -1);
            }
        }
        else if (node.InlineBinary is { } bytes)
        {
            dataset.Add(EncapsulatedValueField.ToElement(tag, vr, bytes));
        }
        else if (node.BulkDataUri is { } uri)
        {
            if (_options.BulkDataUriResolver is { } resolver)
            {
                dataset.Add(new DicomValueElement(tag, vr, resolver(uri)));
            }
            else
            {
                Report(node, $"BulkData '{uri}' not resolved (no resolver); the value is left empty");
                dataset.Add(new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
            }
        }
        else
        {
            dataset.Add(new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
        }
    }

    private static byte[] ToBinary(XmlAttributeNode node)
    {
        var size = node.VR.ValueSize();
        var bytes = new byte[node.Values.Count * size];
        for (var i = 0; i < node.Values.Count; i++)
        {
            var value = node.Values[i];
            var destination = bytes.AsSpan(i * size, size);
            if (node.VR == DicomVR.AT)
            {
                if (value is null || !DicomTag.TryParse(value, out var at))
                {
                    throw new DicomException($"AT value '{value}' is not a tag (line {node.Line})", tag: node.Tag);
                }

                BinaryPrimitives.WriteUInt16LittleEndian(destination, at.Group);
                BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], at.Element);
            }
            else if (value is null || !BinaryNumberText.TryWrite(value, node.VR, destination))
            {
                throw new DicomException($"'{value}' is not a {node.VR.Code()} value (line {node.Line})", tag: node.Tag);
            }
        }

        return bytes;
    }

    private void Report(XmlAttributeNode node, string message) =>
        _options.OnDeviation?.Invoke(new DicomDeviation(-1, node.Tag, $"line {node.Line}: {message}"));
}
