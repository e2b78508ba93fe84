namespace Tessera.Dicom.Text;

/// <summary>The ISO/IEC 2022 shape of a graphic character set, which decides its designation escape sequence.</summary>
internal enum GraphicSetKind
{
    /// <summary>94 one-byte characters (positions 02/01..07/14), e.g. ISO-IR 6, ISO-IR 13, ISO-IR 14.</summary>
    Single94,

    /// <summary>96 one-byte characters (positions 02/00..07/15), the right halves of ISO 8859, TIS 620.</summary>
    Single96,

    /// <summary>94 x 94 two-byte characters: JIS X 0208, JIS X 0212, KS X 1001, GB 2312.</summary>
    Double94,
}
