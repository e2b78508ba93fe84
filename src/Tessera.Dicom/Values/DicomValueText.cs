namespace Tessera.Dicom.Values;

/// <summary>Small helpers shared by the value parsers; digits are ASCII only, never culture-dependent.</summary>
internal static class DicomValueText
{
    /// <summary>Spaces pad values (PS3.5 6.2) and NUL pads some real ones; lenient reading drops both at either end.</summary>
    public static ReadOnlySpan<char> TrimPadding(ReadOnlySpan<char> text) => text.Trim(" \0");

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a run of ASCII digits as a non-negative number; the caller has checked the length (≤ 9).</summary>
    public static int ReadNumber(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>
    /// Reads 1 to 6 fraction digits as microseconds ("5" → 500000). Lenient callers pass more
    /// digits; those beyond the sixth are below the resolution DICOM defines and are dropped.
    /// </summary>
    public static int ReadFraction(ReadOnlySpan<char> digits, out int digitCount)
    {
        digitCount = Math.Min(digits.Length, 6);
        var value = ReadNumber(digits[..digitCount]);
        for (var i = digitCount; i < 6; i++)
        {
            value *= 10;
        }

        return value;
    }

    public static int Pow10(int exponent)
    {
        var value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    public static string Quote(ReadOnlySpan<char> text) => $"'{text}'";
}
