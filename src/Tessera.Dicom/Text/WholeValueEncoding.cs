namespace Tessera.Dicom.Text;

/// <summary>
/// Character sets that PS3.3 Table C.12-5 allows only without code extensions and that are not
/// ISO/IEC 2022 structured: a value is decoded in one pass with a code page, never by escape sequences.
/// </summary>
internal enum WholeValueEncoding
{
    /// <summary>The value is ISO/IEC 2022 structured (single-byte sets and the Japanese, Korean and GB 2312 extensions).</summary>
    None,

    /// <summary>ISO_IR 192, ISO 10646 in UTF-8.</summary>
    Utf8,

    /// <summary>GB18030 (code page 54936).</summary>
    Gb18030,

    /// <summary>GBK (code page 936).</summary>
    Gbk,
}
