using System.Globalization;

namespace Tessera.Dicom;

/// <summary>
/// A data element tag (PS3.5 7.1): group and element packed into one <see cref="uint"/>,
/// so tags compare, sort and hash as integers and never allocate.
/// </summary>
public readonly struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>
{
    /// <summary>Item (FFFE,E000), PS3.5 7.5.</summary>
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);

    /// <summary>Item Delimitation Item (FFFE,E00D).</summary>
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFE, 0xE00D);

    /// <summary>Sequence Delimitation Item (FFFE,E0DD).</summary>
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFE, 0xE0DD);

    public DicomTag(uint value) => Value = value;

    public DicomTag(ushort group, ushort element) => Value = ((uint)group << 16) | element;

    /// <summary>The tag as GGGGEEEE.</summary>
    public uint Value { get; }

    public ushort Group => (ushort)(Value >> 16);

    public ushort Element => (ushort)Value;

    /// <summary>Odd groups are private (PS3.5 7.8), except the reserved groups 0001, 0003, 0005, 0007 and FFFF.</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>(gggg,0010-00FF) in a private group reserves a block of elements for a creator (PS3.5 7.8.1).</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>For a private data element (gggg,xxee) with xx ≥ 0x10, the tag of its creator (gggg,00xx).</summary>
    public DicomTag PrivateCreatorTag => new(Group, (ushort)(Element >> 8));

    /// <summary>Group length elements (gggg,0000), retired outside the command set and file meta.</summary>
    public bool IsGroupLength => Element == 0;

    /// <summary>Item, Item Delimitation and Sequence Delimitation: the three tags that carry no VR.</summary>
    public bool IsDelimiter => Group == 0xFFFE;

    public static DicomTag Parse(string text)
    {
        if (TryParse(text, out var tag))
        {
            return tag;
        }

        throw new FormatException($"'{text}' is not a DICOM tag: expected GGGGEEEE or (GGGG,EEEE)");
    }

    /// <summary>Parses GGGGEEEE, (GGGG,EEEE) or GGGG,EEEE (hexadecimal, either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomTag tag)
    {
        tag = default;
        text = text.Trim();
        if (text.Length >= 2 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1];
        }

        if (text.Length == 9 && text[4] == ',')
        {
            if (ushort.TryParse(text[..4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g)
                && ushort.TryParse(text[5..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var e))
            {
                tag = new DicomTag(g, e);
                return true;
            }

            return false;
        }

        if (text.Length == 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            tag = new DicomTag(value);
            return true;
        }

        return false;
    }

    public bool Equals(DicomTag other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is DicomTag other && Equals(other);

    public override int GetHashCode() => (int)Value;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>(GGGG,EEEE), upper-case hexadecimal, as DCMTK prints it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    public static bool operator ==(DicomTag left, DicomTag right) => left.Value == right.Value;

    public static bool operator !=(DicomTag left, DicomTag right) => left.Value != right.Value;

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;
}
