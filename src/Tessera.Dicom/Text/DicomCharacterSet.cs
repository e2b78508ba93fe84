using System.Text;

namespace Tessera.Dicom.Text;

/// <summary>
/// TEMPORARY stand-in (ASCII, Latin-1, UTF-8 only) until the full ISO 2022 implementation lands
/// from the charset branch, which replaces this file.
/// </summary>
public sealed class DicomCharacterSet
{
    private readonly Encoding _encoding;

    private DicomCharacterSet(string value, Encoding encoding)
    {
        SpecificCharacterSetValue = value;
        _encoding = encoding;
    }

    public static DicomCharacterSet Default { get; } = new(string.Empty, Encoding.Latin1);

    public string SpecificCharacterSetValue { get; }

    public static DicomCharacterSet FromSpecificCharacterSet(string? value, Action<string>? onDeviation = null)
    {
        var trimmed = (value ?? string.Empty).Trim(' ', '\0');
        return trimmed.Contains("192", StringComparison.Ordinal) ? new DicomCharacterSet(trimmed, Encoding.UTF8) : Default;
    }

    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr) =>
        vr.IsAffectedBySpecificCharacterSet() ? _encoding.GetString(bytes) : Encoding.Latin1.GetString(bytes);

    public byte[] Encode(string text, DicomVR vr) =>
        vr.IsAffectedBySpecificCharacterSet() ? _encoding.GetBytes(text) : Encoding.Latin1.GetBytes(text);
}
