using System.Globalization;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// DS and IS text (PS3.5 6.2) to JSON number text (RFC 8259 section 6) and back. Done on the
/// characters, not through double, so "1.50" stays "1.50" and 16 significant digits survive.
/// </summary>
internal static class DicomNumberText
{
    /// <summary>Longest DS (16) or IS (12) value plus room for "0" before a bare fraction.</summary>
    private const int MaximumJsonNumberLength = 32;

    /// <summary>
    /// Rewrites a DS (or IS, with <paramref name="integerOnly"/>) value as a JSON number: drops a
    /// leading '+' and leading zeros, adds the "0" before ".5" and drops the '.' of "5.", which
    /// DS allows and JSON does not. False when the value is not a number at all.
    /// </summary>
    public static bool TryToJsonNumber(ReadOnlySpan<char> text, bool integerOnly, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.IsEmpty || text.Length > MaximumJsonNumberLength || destination.Length < MaximumJsonNumberLength + 4)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var integerPart = text[integerStart..i];
        var fraction = ReadOnlySpan<char>.Empty;
        if (i < text.Length && text[i] == '.')
        {
            if (integerOnly)
            {
                return false;
            }

            var fractionStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            fraction = text[fractionStart..i];
        }

        if (integerPart.IsEmpty && fraction.IsEmpty)
        {
            return false;
        }

        var exponent = ReadOnlySpan<char>.Empty;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (integerOnly)
            {
                return false;
            }

            var exponentStart = i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digitsStart)
            {
                return false;
            }

            exponent = text[exponentStart..i];
        }

        if (i != text.Length)
        {
            return false;
        }

        if (negative)
        {
            destination[written++] = (byte)'-';
        }

        integerPart = integerPart.TrimStart('0');
        if (integerPart.IsEmpty)
        {
            destination[written++] = (byte)'0';
        }
        else
        {
            foreach (var c in integerPart)
            {
                destination[written++] = (byte)c;
            }
        }

        if (!fraction.IsEmpty)
        {
            destination[written++] = (byte)'.';
            foreach (var c in fraction)
            {
                destination[written++] = (byte)c;
            }
        }

        foreach (var c in exponent)
        {
            destination[written++] = (byte)c;
        }

        return true;
    }

    /// <summary>
    /// A JSON number as a DS value of at most 16 characters (PS3.5 Table 6.2-1): kept as written
    /// when it fits, else the shortest round-trip form, else rounded to the most significant
    /// digits that fit. Other producers write doubles such as 0.30000000000000004 (19 characters).
    /// </summary>
    public static string ToDecimalString(ReadOnlySpan<byte> jsonNumber)
    {
        var maximum = DicomVR.DS.MaximumLength();
        if (jsonNumber.Length <= maximum)
        {
            return System.Text.Encoding.ASCII.GetString(jsonNumber);
        }

        var value = double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture);
        return FormatDecimalString(value);
    }

    /// <summary>A double as a DS value of at most 16 characters.</summary>
    public static string FormatDecimalString(double value)
    {
        var maximum = DicomVR.DS.MaximumLength();
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var precision = 15; text.Length > maximum && precision > 0; precision--)
        {
            text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>
    /// A JSON number as IS text: integers as written (without a fraction or exponent), integral
    /// values such as 12.0 or 1e3 as integers. False for values with a fractional part.
    /// </summary>
    public static bool TryToIntegerString(ReadOnlySpan<byte> jsonNumber, out string text)
    {
        if (long.TryParse(jsonNumber, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            text = integer.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (decimal.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && decimal.Truncate(number) == number)
        {
            text = decimal.Truncate(number).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        text = string.Empty;
        return false;
    }
}
