namespace Tessera.Dicom;

/// <summary>
/// Something the lenient reader accepted although the standard does not allow it (odd length,
/// wrong VR, missing meta...). Reported, never silently fixed (STYLE 11: lenient in, strict out).
/// </summary>
/// <param name="Offset">Byte offset in the source, or -1.</param>
/// <param name="Tag">The element concerned, or null for the file as a whole.</param>
/// <param name="Message">What deviated, in words.</param>
public readonly record struct DicomDeviation(long Offset, DicomTag? Tag, string Message)
{
    public override string ToString() => Tag is { } tag
        ? $"{tag} at offset {Offset}: {Message}"
        : $"offset {Offset}: {Message}";
}
