using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomNumberStringTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("+78.00", 78.0)] // leading '+' is valid (PS3.5 6.2 DS)
    [InlineData("1.0000000e-6", 1e-6)]
    [InlineData("9.9902680e-1", 0.9990268)]
    [InlineData("5.94901E-08", 5.94901e-08)]
    [InlineData("  84.726562 ", 84.726562)] // leading and trailing spaces are valid
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("123456789012345", 123456789012345.0)]
    public void Strict_reads_fixed_and_floating_point(string text, double expected)
    {
        Assert.Equal(expected, DicomDecimalString.ParseDouble(text));
        Assert.Equal((decimal)expected, DicomDecimalString.ParseDecimal(text));
    }

    [Theory]
    [InlineData("12345678901234567", "more than 16")]
    [InlineData("1 2", "unexpected")]
    [InlineData("1,5", "unexpected")]
    [InlineData("", "not a number")]
    [InlineData("abc", "not a number")]
    [InlineData("NaN", "not a number")]
    [InlineData("1e", "exponent")]
    [InlineData("1e400", "range of a double")]
    [InlineData("--1", "not a number")]
    public void Strict_rejects_and_says_why(string text, string reason)
    {
        Assert.False(DicomDecimalString.TryParse(text, DicomParseMode.Strict, out double _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,5", 1.5)]
    [InlineData("3.14159265358979323", 3.14159265358979323)]
    [InlineData("1.5\0", 1.5)]
    public void Lenient_reads_commas_and_long_values(string text, double expected) =>
        Assert.Equal(expected, DicomDecimalString.ParseDouble(text, DicomParseMode.Lenient));

    [Fact]
    public void Decimal_keeps_what_was_written()
    {
        Assert.Equal("0.1", DicomDecimalString.Format(DicomDecimalString.ParseDecimal("0.1")));
        Assert.Equal("78.00", DicomDecimalString.Format(DicomDecimalString.ParseDecimal("+78.00")));
        Assert.False(DicomDecimalString.TryParse("1e30", DicomParseMode.Strict, out decimal _));
    }

    [Theory]
    [InlineData(1.0 / 3, "0.33333333333333")]
    [InlineData(-1.0 / 3, "-0.3333333333333")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012345678.0, "1.2345678901E+17")]
    [InlineData(-1.7976931348623157e308, "-1.79769313E+308")]
    [InlineData(0.0, "0")]
    [InlineData(2.5, "2.5")]
    public void Formats_within_16_characters(double value, string expected)
    {
        var text = DicomDecimalString.Format(value);
        Assert.Equal(expected, text);
        Assert.True(DicomDecimalString.TryParse(text, DicomParseMode.Strict, out double _));
    }

    [Fact]
    public void Formatting_rejects_what_DS_cannot_hold()
    {
        Assert.Throws<DicomException>(() => DicomDecimalString.Format(double.NaN));
        Assert.Throws<DicomException>(() => DicomDecimalString.Format(double.PositiveInfinity));
        Assert.Equal("0.33333333333333", DicomDecimalString.Format(1m / 3));
        Assert.Equal("1.2345678901E+19", DicomDecimalString.Format(12345678901234567890m));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("+2147483647", int.MaxValue)]
    [InlineData("007", 7)] // leading zeros are valid
    [InlineData(" 12 ", 12)]
    public void Integer_strings_read_the_32_bit_range(string text, int expected) =>
        Assert.Equal(expected, DicomIntegerString.Parse(text));

    [Theory]
    [InlineData("2147483648", "-2^31 to 2^31-1")]
    [InlineData("-2147483649", "-2^31 to 2^31-1")]
    [InlineData("1A", "not an integer")]
    [InlineData("1.0", "not an integer")]
    [InlineData("1 2", "not an integer")]
    [InlineData("", "not an integer")]
    [InlineData("+", "not an integer")]
    [InlineData("0000000000001", "more than 12")]
    public void Integer_strings_reject_and_say_why(string text, string reason)
    {
        Assert.False(DicomIntegerString.TryParse(text, DicomParseMode.Strict, out int _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lenient_integer_strings_take_integral_decimals_and_wide_values()
    {
        Assert.Equal(12, DicomIntegerString.Parse("12.0", DicomParseMode.Lenient));
        Assert.Equal(-12, DicomIntegerString.Parse("-12.", DicomParseMode.Lenient));
        Assert.False(DicomIntegerString.TryParse("12.5", DicomParseMode.Lenient, out int _));
        Assert.Equal(4294967296L, DicomIntegerString.ParseInt64("4294967296", DicomParseMode.Lenient));
        Assert.False(DicomIntegerString.TryParse("4294967296", DicomParseMode.Lenient, out int _));
        Assert.False(DicomIntegerString.TryParse("4294967296", DicomParseMode.Strict, out long _));
    }
}
