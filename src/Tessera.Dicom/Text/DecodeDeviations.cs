namespace Tessera.Dicom.Text;

/// <summary>What went wrong while decoding one value; each kind is reported once per value.</summary>
[Flags]
internal enum DecodeDeviations
{
    None = 0,

    /// <summary>Bytes 80..FF with no G1 set to give them a meaning.</summary>
    UndesignatedHighBytes = 1,

    /// <summary>Bytes that are not a character of the set in use.</summary>
    InvalidBytes = 2,

    /// <summary>An escape sequence that designates none of the sets of PS3.3 C.12.1.1.2, or is incomplete.</summary>
    UnknownEscape = 4,

    /// <summary>An escape sequence in a value whose character set allows no code extensions.</summary>
    EscapeWithoutExtensions = 8,

    /// <summary>An escape sequence designating a set that (0008,0005) does not list.</summary>
    UndeclaredSet = 16,
}
