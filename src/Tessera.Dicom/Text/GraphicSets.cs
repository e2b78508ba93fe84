using System.Text;

namespace Tessera.Dicom.Text;

/// <summary>
/// The graphic character sets that the Defined Terms of PS3.3 C.12.1.1.2 designate. Each is an
/// immutable singleton whose code table is built on first use from a .NET code page (taken from
/// <see cref="CodePagesEncodingProvider"/> directly, so no process-wide provider is registered).
/// </summary>
internal static class GraphicSets
{
    /// <summary>ISO-IR 6, ISO 646 IRV / US-ASCII: the default repertoire, G0, ESC ( B.</summary>
    public static readonly GraphicSet Ascii = new("ISO-IR 6", GraphicSetKind.Single94, (byte)'B', AsciiCells);

    /// <summary>
    /// ISO-IR 14, JIS X 0201 Roman, G0, ESC ( J. It differs from ASCII only at 05/12 (YEN SIGN) and
    /// 07/14 (OVERLINE); DICOM keeps 05/12 as the value delimiter whatever the G0 set (PS3.5 6.1.2.3)
    /// and pydicom and DCMTK decode the two as ASCII, so it is treated as ASCII here too.
    /// </summary>
    public static readonly GraphicSet JisRoman = new("ISO-IR 14", GraphicSetKind.Single94, (byte)'J', AsciiCells);

    /// <summary>ISO-IR 13, JIS X 0201 Katakana, G1 (ESC ) I): 02/01..05/15 are the half-width katakana U+FF61..U+FF9F.</summary>
    public static readonly GraphicSet Katakana = new("ISO-IR 13", GraphicSetKind.Single94, (byte)'I', KatakanaCells);

    public static readonly GraphicSet Latin1 = Right96("ISO-IR 100", 'A', 28591);
    public static readonly GraphicSet Latin2 = Right96("ISO-IR 101", 'B', 28592);
    public static readonly GraphicSet Latin3 = Right96("ISO-IR 109", 'C', 28593);
    public static readonly GraphicSet Latin4 = Right96("ISO-IR 110", 'D', 28594);
    public static readonly GraphicSet Greek = Right96("ISO-IR 126", 'F', 28597);
    public static readonly GraphicSet Arabic = Right96("ISO-IR 127", 'G', 28596);
    public static readonly GraphicSet Hebrew = Right96("ISO-IR 138", 'H', 28598);
    public static readonly GraphicSet Cyrillic = Right96("ISO-IR 144", 'L', 28595);
    public static readonly GraphicSet Latin5 = Right96("ISO-IR 148", 'M', 28599);

    /// <summary>TIS 620-2533 (ISO-IR 166), ESC - T; code page 874 is its superset, whose GR half is TIS 620.</summary>
    public static readonly GraphicSet Thai = Right96("ISO-IR 166", 'T', 874);

    /// <summary>ISO 8859-15 Latin alphabet No. 9 (ISO-IR 203), ESC - b.</summary>
    public static readonly GraphicSet Latin9 = Right96("ISO-IR 203", 'b', 28605);

    /// <summary>JIS X 0208 (ISO-IR 87), G0, ESC $ B; EUC-JP (code page 20932) is its GR form.</summary>
    public static readonly GraphicSet JisX0208 = Double("ISO-IR 87", 'B', 20932);

    /// <summary>JIS X 0212 (ISO-IR 159), G0, ESC $ ( D; no .NET code page has it, see <see cref="JisX0212Table"/>.</summary>
    public static readonly GraphicSet JisX0212 = new("ISO-IR 159", GraphicSetKind.Double94, (byte)'D', JisX0212Cells);

    /// <summary>KS X 1001 (ISO-IR 149), G1, ESC $ ) C; EUC-KR (code page 51949) is its GR form.</summary>
    public static readonly GraphicSet KsX1001 = Double("ISO-IR 149", 'C', 51949);

    /// <summary>GB 2312 (ISO-IR 58), G1, ESC $ ) A; code page 20936 is its GR form.</summary>
    public static readonly GraphicSet Gb2312 = Double("ISO-IR 58", 'A', 20936);

    private static readonly GraphicSet[] All =
    [
        Ascii, JisRoman, Katakana, Latin1, Latin2, Latin3, Latin4, Greek, Arabic, Hebrew, Cyrillic, Latin5, Thai,
        Latin9, JisX0208, JisX0212, KsX1001, Gb2312,
    ];

    /// <summary>The set an escape sequence names by its shape and final byte, or null if none of ours.</summary>
    public static GraphicSet? Find(GraphicSetKind kind, byte finalByte)
    {
        // ESC $ @ designates JIS C 6226-1978, the predecessor of JIS X 0208 with almost the same code
        // table; old Japanese equipment sends it, so it is read as JIS X 0208.
        if (kind == GraphicSetKind.Double94 && finalByte == (byte)'@')
        {
            return JisX0208;
        }

        foreach (var set in All)
        {
            if (set.Kind == kind && set.FinalByte == finalByte)
            {
                return set;
            }
        }

        return null;
    }

    private static char[] AsciiCells()
    {
        // Positions 02/00 (SPACE) .. 07/14; 07/15 is DELETE, a control character.
        var cells = new char[96];
        for (var i = 0; i < 95; i++)
        {
            cells[i] = (char)(0x20 + i);
        }

        cells[95] = '\uFFFD';
        return cells;
    }

    private static char[] KatakanaCells()
    {
        var cells = new char[96];
        Array.Fill(cells, '\uFFFD');
        for (var position = 0x21; position <= 0x5F; position++)
        {
            cells[position - 0x20] = (char)(0xFF61 + (position - 0x21));
        }

        return cells;
    }

    private static char[] JisX0212Cells()
    {
        var cells = JisX0212Table.Cells.ToCharArray();
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] == '\0')
            {
                cells[i] = '\uFFFD';
            }
        }

        return cells;
    }

    private static GraphicSet Right96(string name, char finalByte, int codePage) =>
        new(name, GraphicSetKind.Single96, (byte)finalByte, () =>
        {
            var encoding = GetEncoding(codePage);
            var cells = new char[96];
            Span<byte> one = stackalloc byte[1];
            for (var i = 0; i < 96; i++)
            {
                one[0] = (byte)(0xA0 + i);
                var text = encoding.GetString(one);
                cells[i] = text.Length == 1 && text[0] >= 0xA0 ? text[0] : '\uFFFD';
            }

            return cells;
        });

    private static GraphicSet Double(string name, char finalByte, int codePage) =>
        new(name, GraphicSetKind.Double94, (byte)finalByte, () =>
        {
            var encoding = GetEncoding(codePage);
            var cells = new char[94 * 94];
            Span<byte> two = stackalloc byte[2];
            for (var i = 0; i < cells.Length; i++)
            {
                two[0] = (byte)(0xA1 + (i / 94));
                two[1] = (byte)(0xA1 + (i % 94));
                var text = encoding.GetString(two);

                // One character, not a replacement, not ASCII and not the Private Use Area, where
                // Windows code pages put vendor extensions that are not part of the standard set.
                var ok = text.Length == 1 && text[0] >= 0x80 && text[0] != '\uFFFD' && text[0] is < '\uE000' or > '\uF8FF';
                cells[i] = ok ? text[0] : '\uFFFD';
            }

            return cells;
        });

    private static Encoding GetEncoding(int codePage) =>
        codePage == 28591
            ? Encoding.Latin1
            : CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"))
                ?? throw new InvalidOperationException($"Code page {codePage} is not available from CodePagesEncodingProvider.");
}
