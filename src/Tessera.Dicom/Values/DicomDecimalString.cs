using System.Globalization;

namespace Tessera.Dicom.Values;

/// <summary>
/// DS values (PS3.5 6.2): a fixed-point number (digits, optional leading '+' or '-', optional '.')
/// or a floating-point number with 'E' or 'e' exponent, at most 16 bytes, leading and trailing
/// spaces allowed, embedded spaces not. Lenient reading also accepts more than 16 characters,
/// a ',' decimal mark (locale-dependent writers) and NUL padding.
/// </summary>
public static class DicomDecimalString
{
    /// <summary>PS3.5 6.2: "16 bytes maximum".</summary>
    public const int MaximumLength = 16;

    public static double ParseDouble(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out double value, out var error) ? value : throw new DicomException(error!);

    public static decimal ParseDecimal(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out decimal value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out double value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out decimal value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out double value, out string? error)
    {
        value = 0;
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 256)];
        if (!TryNormalize(text, mode, buffer, out var number, out error))
        {
            return false;
        }

        value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            error = $"DS {DicomValueText.Quote(text)} is outside the range of a double";
            return false;
        }

        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out decimal value, out string? error)
    {
        value = 0;
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 256)];
        if (!TryNormalize(text, mode, buffer, out var number, out error))
        {
            return false;
        }

        if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            error = $"DS {DicomValueText.Quote(text)} is outside the range of a decimal";
            return false;
        }

        return true;
    }

    /// <summary>
    /// The shortest text that reads back as <paramref name="value"/> if it fits in 16 characters,
    /// else the closest value that fits (1/3 → "0.33333333333333"). NaN and infinities have no DS form.
    /// </summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new DicomException($"DS cannot represent {value.ToString(CultureInfo.InvariantCulture)}");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var digits = 17; text.Length > MaximumLength && digits > 0; digits--)
        {
            text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>The decimal as written (trailing zeros kept, they carry precision), rounded to fit 16 characters when needed.</summary>
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Length <= MaximumLength)
        {
            return text;
        }

        for (var decimals = 28; decimals >= 0; decimals--)
        {
            text = Math.Round(value, decimals, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture);
            if (text.Length <= MaximumLength)
            {
                return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
            }
        }

        // Integers of 17+ digits need an exponent.
        return Format((double)value);
    }

    /// <summary>Checks the grammar and copies the number (without padding, ',' made '.') for the BCL parser.</summary>
    private static bool TryNormalize(ReadOnlySpan<char> text, DicomParseMode mode, Span<char> buffer, out ReadOnlySpan<char> number, out string? error)
    {
        number = default;
        var lenient = mode == DicomParseMode.Lenient;
        if (!lenient && text.Length > MaximumLength)
        {
            error = $"DS {DicomValueText.Quote(text)} has {text.Length} characters, more than 16";
            return false;
        }

        var trimmed = lenient ? DicomValueText.TrimPadding(text) : text.Trim(' ');
        if (trimmed.Length > buffer.Length)
        {
            error = $"DS {DicomValueText.Quote(text)} is too long";
            return false;
        }

        var i = 0;
        if (i < trimmed.Length && trimmed[i] is '+' or '-')
        {
            i++;
        }

        var mantissaDigits = 0;
        var point = false;
        for (; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (DicomValueText.IsDigit(c))
            {
                mantissaDigits++;
            }
            else if ((c == '.' || lenient && c == ',') && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (mantissaDigits == 0)
        {
            error = $"DS {DicomValueText.Quote(text)} is not a number";
            return false;
        }

        if (i < trimmed.Length && trimmed[i] is 'e' or 'E')
        {
            i++;
            if (i < trimmed.Length && trimmed[i] is '+' or '-')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < trimmed.Length && DicomValueText.IsDigit(trimmed[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                error = $"DS {DicomValueText.Quote(text)}: the exponent has no digits";
                return false;
            }
        }

        if (i != trimmed.Length)
        {
            error = $"DS {DicomValueText.Quote(text)}: unexpected {DicomValueText.Quote(trimmed[i..])}";
            return false;
        }

        trimmed.CopyTo(buffer);
        var copy = buffer[..trimmed.Length];
        copy.Replace(',', '.');
        number = copy;
        error = null;
        return true;
    }
}
