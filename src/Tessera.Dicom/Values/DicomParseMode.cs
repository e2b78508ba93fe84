namespace Tessera.Dicom.Values;

/// <summary>
/// How strictly a value is read. Strict follows PS3.5 6.2 to the letter and is for what we
/// validate or write; lenient also accepts what real files contain (STYLE 11: lenient in, strict out).
/// </summary>
public enum DicomParseMode
{
    /// <summary>Exactly the encoding PS3.5 6.2 defines.</summary>
    Strict,

    /// <summary>Also the deviations real writers produce (separators, missing zero padding, stray spaces...).</summary>
    Lenient,
}
