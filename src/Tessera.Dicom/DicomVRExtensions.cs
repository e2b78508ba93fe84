namespace Tessera.Dicom;

/// <summary>The rules of PS3.5 Table 6.2-1 and 7.1.2 for each VR, as pure functions.</summary>
public static class DicomVRExtensions
{
    /// <summary>True when <paramref name="vr"/> is one of the VRs of PS3.5 (not None, not an unknown code read from a file).</summary>
    public static bool IsKnown(this DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.AT or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT
            or DicomVR.FD or DicomVR.FL or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.OB or DicomVR.OD
            or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.PN or DicomVR.SH or DicomVR.SL
            or DicomVR.SQ or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.TM or DicomVR.UC or DicomVR.UI
            or DicomVR.UL or DicomVR.UN or DicomVR.UR or DicomVR.US or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>
    /// VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1);
    /// all others have a 16-bit length.
    /// </summary>
    public static bool HasLongLength(this DicomVR vr) => vr switch
    {
        DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.SQ
            or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>Character-string VRs: values are text, padded to even length.</summary>
    public static bool IsString(this DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.IS
            or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM or DicomVR.UC
            or DicomVR.UI or DicomVR.UR or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>
    /// String VRs whose bytes are decoded with the Specific Character Set (PS3.5 6.1.2.3); the others
    /// use the default repertoire only.
    /// </summary>
    public static bool IsAffectedBySpecificCharacterSet(this DicomVR vr) => vr switch
    {
        DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>Text VRs that hold one value: backslash is an ordinary character there (PS3.5 6.2).</summary>
    public static bool IsSingleValuedText(this DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR;

    /// <summary>Byte count of one binary value (AT counts as 4), or 0 for string, OB/UN and SQ.</summary>
    public static int ValueSize(this DicomVR vr) => vr switch
    {
        DicomVR.SS or DicomVR.US or DicomVR.OW => 2,
        DicomVR.SL or DicomVR.UL or DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.AT => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 0,
    };

    /// <summary>
    /// The unit the byte order swaps in when converting between little and big endian
    /// (AT swaps as two 16-bit halves); 1 for VRs not affected by byte order.
    /// </summary>
    public static int ByteSwapUnit(this DicomVR vr) => vr == DicomVR.AT ? 2 : Math.Max(1, vr.ValueSize());

    /// <summary>Padding for odd-length values: space for strings, NUL for UI and binary (PS3.5 6.2).</summary>
    public static byte PaddingByte(this DicomVR vr) => vr.IsString() && vr != DicomVR.UI ? (byte)' ' : (byte)0;

    /// <summary>Maximum value length in bytes or characters per PS3.5 Table 6.2-1, or 0 when unbounded or fixed by VM.</summary>
    public static int MaximumLength(this DicomVR vr) => vr switch
    {
        DicomVR.AE => 16,
        DicomVR.AS => 4,
        DicomVR.CS => 16,
        DicomVR.DA => 8,
        DicomVR.DS => 16,
        DicomVR.DT => 26,
        DicomVR.IS => 12,
        DicomVR.LO => 64,
        DicomVR.LT => 10240,
        DicomVR.PN => 64,
        DicomVR.SH => 16,
        DicomVR.ST => 1024,
        DicomVR.TM => 14,
        DicomVR.UI => 64,
        _ => 0,
    };

    /// <summary>The two-letter code, e.g. "PN"; "--" for <see cref="DicomVR.None"/>.</summary>
    public static string Code(this DicomVR vr) =>
        vr == DicomVR.None ? "--" : string.Create(2, (ushort)vr, static (span, v) =>
        {
            span[0] = (char)(v >> 8);
            span[1] = (char)(v & 0xFF);
        });

    /// <summary>The VR for two ASCII bytes, or false when they name no VR of PS3.5.</summary>
    public static bool TryParse(byte first, byte second, out DicomVR vr)
    {
        vr = (DicomVR)((first << 8) | second);
        return vr.IsKnown();
    }

    /// <summary>Parses a two-letter code such as "PN".</summary>
    public static bool TryParse(ReadOnlySpan<char> code, out DicomVR vr)
    {
        vr = DicomVR.None;
        return code.Length == 2 && code[0] < 128 && code[1] < 128 && TryParse((byte)code[0], (byte)code[1], out vr);
    }
}
