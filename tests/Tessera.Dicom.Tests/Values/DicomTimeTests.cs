using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomTimeTests
{
    [Theory]
    [InlineData("070907.0705", 7, 9, 7, 70500, DicomDateTimePrecision.Fraction, 4)] // PS3.5 6.2 TM example
    [InlineData("1010", 10, 10, 0, 0, DicomDateTimePrecision.Minute, 0)] // PS3.5 6.2 TM example
    [InlineData("021", 0, 0, 0, 0, DicomDateTimePrecision.Hour, -1)] // PS3.5: "021" is invalid
    [InlineData("12", 12, 0, 0, 0, DicomDateTimePrecision.Hour, 0)]
    [InlineData("235960", 23, 59, 60, 0, DicomDateTimePrecision.Second, 0)] // leap second, PS3.5 6.2: 00 ≤ SS ≤ 60
    [InlineData("000000.000001", 0, 0, 0, 1, DicomDateTimePrecision.Fraction, 6)]
    [InlineData("235959.999999", 23, 59, 59, 999999, DicomDateTimePrecision.Fraction, 6)]
    [InlineData("120000.5", 12, 0, 0, 500000, DicomDateTimePrecision.Fraction, 1)]
    public void Strict_reads_PS3_5_forms(string text, int hour, int minute, int second, int microsecond, DicomDateTimePrecision precision, int digits)
    {
        if (digits < 0)
        {
            Assert.False(DicomTime.TryParse(text, out _));
            return;
        }

        var time = DicomTime.Parse(text);
        Assert.Equal((hour, minute, second, microsecond, precision, digits), (time.Hour, time.Minute, time.Second, time.Microsecond, time.Precision, time.FractionDigits));
        Assert.Equal(text, time.ToString());
    }

    [Theory]
    [InlineData("240000", "hour 24")]
    [InlineData("126000", "minute 60")]
    [InlineData("125961", "second 61")]
    [InlineData("1", "two digits")]
    [InlineData("12345", "two digits")]
    [InlineData("120000.", "fraction digits")]
    [InlineData("120000.1234567", "at most 6")]
    [InlineData("12:30:00", "unexpected")]
    [InlineData("120000 ", "unexpected")]
    [InlineData("12000a", "two digits")]
    [InlineData("", "two digits")]
    public void Strict_rejects_and_says_why(string text, string reason)
    {
        Assert.False(DicomTime.TryParse(text, DicomParseMode.Strict, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<DicomException>(() => DicomTime.Parse(text));
    }

    [Theory]
    [InlineData("12:30:00", "123000")] // ACR-NEMA
    [InlineData("12:30", "1230")]
    [InlineData("09:26:18.5", "092618.5")]
    [InlineData(" 123000 ", "123000")]
    [InlineData("123000.", "123000")]
    [InlineData("123000.12345678", "123000.123456")]
    public void Lenient_reads_what_real_files_contain(string text, string canonical)
    {
        Assert.False(DicomTime.TryParse(text, out _));
        Assert.Equal(canonical, DicomTime.Parse(text, DicomParseMode.Lenient).ToString());
    }

    [Theory]
    [InlineData("12", "12:00:00", "12:59:59.999999")] // PS3.4 C.2.2.2.5: the whole implied period
    [InlineData("1230", "12:30:00", "12:30:59.999999")]
    [InlineData("123015", "12:30:15", "12:30:15.999999")]
    [InlineData("123015.1", "12:30:15.1", "12:30:15.199999")]
    [InlineData("123015.123456", "12:30:15.123456", "12:30:15.123456")]
    public void Reduced_precision_covers_its_whole_period(string text, string lower, string upper)
    {
        var time = DicomTime.Parse(text);
        Assert.Equal(TimeSpan.Parse(lower, System.Globalization.CultureInfo.InvariantCulture), time.LowerBound);
        Assert.Equal(TimeSpan.Parse(upper, System.Globalization.CultureInfo.InvariantCulture), time.UpperBound);
    }

    [Fact]
    public void A_leap_second_converts_to_the_last_instant_of_its_minute()
    {
        var time = DicomTime.Parse("235960");
        Assert.Equal(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)), time.ToTimeOnly());
        Assert.Equal(TimeSpan.FromHours(24), time.LowerBound);
    }

    [Fact]
    public void Construction_checks_components()
    {
        Assert.Equal("0705", new DicomTime(7, 5).ToString());
        Assert.Equal("070500.12", new DicomTime(7, 5, 0, 120000, 2).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DicomTime(24));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DicomTime(7, 5, 0, 123456, 2));
        Assert.Throws<ArgumentException>(() => new DicomTime(7, null, 5));
    }

    [Fact]
    public void From_TimeOnly_keeps_microseconds()
    {
        Assert.Equal("123456.789000", DicomTime.FromTimeOnly(new TimeOnly(12, 34, 56, 789)).ToString());
        Assert.Equal("123456", DicomTime.FromTimeOnly(new TimeOnly(12, 34, 56)).ToString());
    }
}
