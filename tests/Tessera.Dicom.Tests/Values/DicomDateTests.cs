using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomDateTests
{
    [Theory]
    [InlineData("19930822", 1993, 8, 22)] // PS3.5 6.2 DA example
    [InlineData("20240229", 2024, 2, 29)] // leap year
    [InlineData("20000229", 2000, 2, 29)] // divisible by 400
    [InlineData("24000229", 2400, 2, 29)]
    [InlineData("00010101", 1, 1, 1)]
    [InlineData("99991231", 9999, 12, 31)]
    public void Strict_reads_YYYYMMDD(string text, int year, int month, int day)
    {
        var date = DicomDate.Parse(text);
        Assert.Equal(new DateOnly(year, month, day), date.Date);
        Assert.Equal(text, date.ToString());
    }

    [Fact]
    public void Placeholder_dates_that_are_real_dates_parse()
    {
        // "11111111" in a corpus file is a placeholder, but 1111-11-11 is a valid Gregorian date.
        Assert.Equal(new DateOnly(1111, 11, 11), DicomDate.Parse("11111111").Date);
    }

    [Theory]
    [InlineData("19000229", "does not exist")] // 1900 is not a leap year
    [InlineData("20230229", "does not exist")]
    [InlineData("20241301", "month 13")]
    [InlineData("20240001", "month 00")]
    [InlineData("20240100", "day 00")]
    [InlineData("00000000", "year 0000")]
    [InlineData("2024010", "8 characters")]
    [InlineData("202401011", "8 characters")]
    [InlineData("2024O101", "only digits")]
    [InlineData("1995.05.12", "8 characters")]
    [InlineData("20240101 ", "8 characters")]
    [InlineData("", "8 characters")]
    public void Strict_rejects_and_says_why(string text, string reason)
    {
        Assert.False(DicomDate.TryParse(text, DicomParseMode.Strict, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var exception = Assert.Throws<DicomException>(() => DicomDate.Parse(text));
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1995.05.12", 1995, 5, 12)] // ACR-NEMA 2.0
    [InlineData("1995-05-12", 1995, 5, 12)]
    [InlineData("1995/05/12", 1995, 5, 12)]
    [InlineData(" 19950512 ", 1995, 5, 12)]
    [InlineData("19950512\0", 1995, 5, 12)]
    public void Lenient_reads_old_and_padded_forms(string text, int year, int month, int day)
    {
        Assert.False(DicomDate.TryParse(text, out _));
        var date = DicomDate.Parse(text, DicomParseMode.Lenient);
        Assert.Equal(new DateOnly(year, month, day), date.Date);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year:0000}{month:00}{day:00}"), date.ToString());
    }

    [Theory]
    [InlineData("1995.05-12")]
    [InlineData("95.05.12")]
    [InlineData("00000000")]
    public void Lenient_still_rejects_what_is_not_a_date(string text) =>
        Assert.False(DicomDate.TryParse(text, DicomParseMode.Lenient, out _));

    [Fact]
    public void Dates_compare_in_calendar_order()
    {
        Assert.True(DicomDate.Parse("20231231") < DicomDate.Parse("20240101"));
        Assert.Equal(DicomDate.Parse("20240101"), new DicomDate(2024, 1, 1));
    }
}
