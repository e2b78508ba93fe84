namespace Tessera.Dicom;

/// <summary>Private data elements and their creator blocks (PS3.5 7.8.1).</summary>
public sealed partial class DicomDataset
{
    /// <summary>The Private Creator that reserved the block of a private element, or null.</summary>
    public string? GetPrivateCreator(DicomTag tag) =>
        tag.IsPrivate && !tag.IsPrivateCreator && tag.Element >= 0x1000 ? GetString(tag.PrivateCreatorTag) : null;

    /// <summary>
    /// The tag of private element <paramref name="elementOffset"/> (0x00–0xFF) in the block that
    /// <paramref name="creator"/> reserved in <paramref name="group"/>, or null when no block is reserved.
    /// The block number differs from file to file, which is why private tags must be resolved this way.
    /// </summary>
    public DicomTag? FindPrivateTag(ushort group, string creator, byte elementOffset)
    {
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (Contains(creatorTag) && string.Equals(GetString(creatorTag), creator, StringComparison.Ordinal))
            {
                return new DicomTag(group, (ushort)((block << 8) | elementOffset));
            }
        }

        return null;
    }

    /// <summary>
    /// Reserves (or finds) a block for <paramref name="creator"/> in <paramref name="group"/> and returns the tag of
    /// <paramref name="elementOffset"/> in it.
    /// </summary>
    public DicomTag ReservePrivateTag(ushort group, string creator, byte elementOffset)
    {
        if (FindPrivateTag(group, creator, elementOffset) is { } existing)
        {
            return existing;
        }

        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (!Contains(creatorTag))
            {
                AddOrUpdate(creatorTag, DicomVR.LO, creator);
                return new DicomTag(group, (ushort)((block << 8) | elementOffset));
            }
        }

        throw new DicomException($"no free private block in group {group:X4} for creator '{creator}'");
    }
}
