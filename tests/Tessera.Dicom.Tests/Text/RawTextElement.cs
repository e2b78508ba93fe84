namespace Tessera.Dicom.Tests.Text;

/// <summary>One element as stored in a test file, with the Specific Character Set in force where it sits.</summary>
/// <param name="Tag">The element's tag.</param>
/// <param name="VR">Its explicit VR.</param>
/// <param name="Value">The value bytes, padding included.</param>
/// <param name="SpecificCharacterSet">The raw (0008,0005) value that applies (the item's own, else the enclosing data set's), or null.</param>
public sealed record RawTextElement(DicomTag Tag, DicomVR VR, byte[] Value, string? SpecificCharacterSet);
