using System.Buffers.Binary;
using System.Globalization;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Text of a number (a JSON number token, a JSON string, an XML Value) into the little-endian
/// bytes of a binary VR. Integers written with a fraction or exponent (2.0, 1e3) are accepted
/// when integral, as other producers go through double.
/// </summary>
internal static class BinaryNumberText
{
    public static bool TryWrite(string text, DicomVR vr, Span<byte> destination)
    {
        text = text.Trim();
        switch (vr)
        {
            case DicomVR.FL:
                if (!TryParseFloatingPoint(text, out var single))
                {
                    return false;
                }

                BinaryPrimitives.WriteSingleLittleEndian(destination, (float)single);
                return true;
            case DicomVR.FD:
                if (!TryParseFloatingPoint(text, out var number))
                {
                    return false;
                }

                BinaryPrimitives.WriteDoubleLittleEndian(destination, number);
                return true;
            case DicomVR.UV:
                if (!TryParseInteger(text, out var unsigned) || unsigned < 0 || unsigned > ulong.MaxValue)
                {
                    return false;
                }

                BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)unsigned);
                return true;
        }

        if (!TryParseInteger(text, out var integer))
        {
            return false;
        }

        if (vr == DicomVR.US && integer >= ushort.MinValue && integer <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)integer);
        }
        else if (vr == DicomVR.SS && integer >= short.MinValue && integer <= short.MaxValue)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination, (short)integer);
        }
        else if (vr == DicomVR.UL && integer >= uint.MinValue && integer <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)integer);
        }
        else if (vr == DicomVR.SL && integer >= int.MinValue && integer <= int.MaxValue)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination, (int)integer);
        }
        else if (vr == DicomVR.SV && integer >= long.MinValue && integer <= long.MaxValue)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination, (long)integer);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Digits, or NaN, Infinity and -Infinity as the writers put them (see DicomJsonWriter).</summary>
    private static bool TryParseFloatingPoint(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "Infinity" or "INF":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity" or "-INF":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
    }

    /// <summary>An integer in Int128 so every 64-bit value, signed or not, fits before its range is checked.</summary>
    private static bool TryParseInteger(string text, out Int128 value)
    {
        if (Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && decimal.Truncate(number) == number)
        {
            value = (Int128)number;
            return true;
        }

        return false;
    }
}
