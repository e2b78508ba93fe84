using System.Collections.Frozen;

namespace Tessera.Dicom.Text;

/// <summary>
/// One coded graphic character set that ISO/IEC 2022 can designate into G0 or G1 (PS3.5 6.1.2.5).
/// Characters are addressed by their 7-bit code position (bytes 02/00..07/15); a G1 set is
/// invoked into GR, so its bytes carry the high bit, which the caller strips.
/// </summary>
internal sealed class GraphicSet
{
    private readonly Lazy<(char[] Cells, FrozenDictionary<char, ushort> Codes)> _tables;

    public GraphicSet(string name, GraphicSetKind kind, byte finalByte, Func<char[]> buildCells)
    {
        Name = name;
        Kind = kind;
        FinalByte = finalByte;
        _tables = new Lazy<(char[], FrozenDictionary<char, ushort>)>(() => BuildTables(kind, buildCells()));
    }

    /// <summary>Registration name, used in deviation messages.</summary>
    public string Name { get; }

    public GraphicSetKind Kind { get; }

    /// <summary>Final byte F of the designating escape sequence (ISO 2375 registration).</summary>
    public byte FinalByte { get; }

    public bool IsDoubleByte => Kind == GraphicSetKind.Double94;

    /// <summary>
    /// The escape sequence designating this set into G0 or G1 (ISO/IEC 2022 clause 14):
    /// ESC 02/08 F and ESC 02/09 F for 94-sets, ESC 02/13 F for 96-sets (G1 only),
    /// ESC 02/04 F (F = 04/00..04/02 in G0) or ESC 02/04 02/08 F and ESC 02/04 02/09 F for 94^2 sets.
    /// These give exactly the sequences of PS3.3 Tables C.12-3 and C.12-4.
    /// </summary>
    public byte[] Designation(bool g1) => Kind switch
    {
        GraphicSetKind.Single94 => [0x1B, g1 ? (byte)0x29 : (byte)0x28, FinalByte],
        GraphicSetKind.Single96 => [0x1B, 0x2D, FinalByte],
        _ when g1 => [0x1B, 0x24, 0x29, FinalByte],
        _ when FinalByte is >= 0x40 and <= 0x42 => [0x1B, 0x24, FinalByte],
        _ => [0x1B, 0x24, 0x28, FinalByte],
    };

    /// <summary>The character at a one-byte position 0x20..0x7F, or U+FFFD where the set has none.</summary>
    public char Decode(int position)
    {
        var index = position - 0x20;
        var cells = _tables.Value.Cells;
        return (uint)index < (uint)cells.Length ? cells[index] : '\uFFFD';
    }

    /// <summary>The character at a two-byte position (first, second each 0x21..0x7E), or U+FFFD.</summary>
    public char Decode(int first, int second)
    {
        if (first is < 0x21 or > 0x7E || second is < 0x21 or > 0x7E)
        {
            return '\uFFFD';
        }

        return _tables.Value.Cells[((first - 0x21) * 94) + (second - 0x21)];
    }

    /// <summary>The 7-bit code of <paramref name="c"/> (one byte, or first &lt;&lt; 8 | second), if the set has it.</summary>
    public bool TryEncode(char c, out ushort code) => _tables.Value.Codes.TryGetValue(c, out code);

    private static (char[], FrozenDictionary<char, ushort>) BuildTables(GraphicSetKind kind, char[] cells)
    {
        var codes = new Dictionary<char, ushort>();
        for (var i = 0; i < cells.Length; i++)
        {
            var c = cells[i];
            if (c == '\uFFFD')
            {
                continue;
            }

            var code = kind == GraphicSetKind.Double94
                ? (ushort)(((0x21 + (i / 94)) << 8) | (0x21 + (i % 94)))
                : (ushort)(0x20 + i);

            // Where two code positions map to one character the first wins, so encoding is a function.
            codes.TryAdd(c, code);
        }

        return (cells, codes.ToFrozenDictionary());
    }
}
