using System.Globalization;
using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomDateTimeTests
{
    [Theory]
    [InlineData("20240315", DicomDateTimePrecision.Day)]
    [InlineData("2024", DicomDateTimePrecision.Year)]
    [InlineData("202403", DicomDateTimePrecision.Month)]
    [InlineData("2024031512", DicomDateTimePrecision.Hour)]
    [InlineData("202403151230", DicomDateTimePrecision.Minute)]
    [InlineData("20240315123045", DicomDateTimePrecision.Second)]
    [InlineData("20240315123045.1", DicomDateTimePrecision.Fraction)]
    [InlineData("20240315123045.123456", DicomDateTimePrecision.Fraction)]
    [InlineData("20240315123045.123456+0100", DicomDateTimePrecision.Fraction)]
    [InlineData("2024-0500", DicomDateTimePrecision.Year)]
    [InlineData("20240315+1400", DicomDateTimePrecision.Day)]
    [InlineData("20240315-1200", DicomDateTimePrecision.Day)]
    [InlineData("20161231235960", DicomDateTimePrecision.Second)] // leap second
    public void Strict_reads_every_precision_and_formats_back_exactly(string text, DicomDateTimePrecision precision)
    {
        var value = DicomDateTime.Parse(text);
        Assert.Equal(precision, value.Precision);
        Assert.Equal(text, value.ToString());
    }

    [Theory]
    [InlineData("20240315123045.5-0530", 2024, 3, 15, 12, 30, 45, 500000, -330)]
    [InlineData("19991231", 1999, 12, 31, 0, 0, 0, 0, null)]
    public void Components_and_offset(string text, int year, int month, int day, int hour, int minute, int second, int microsecond, int? offsetMinutes)
    {
        var value = DicomDateTime.Parse(text);
        Assert.Equal((year, month, day, hour, minute, second, microsecond), (value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, value.Microsecond));
        Assert.Equal(offsetMinutes is { } m ? TimeSpan.FromMinutes(m) : null, value.Offset);
    }

    [Theory]
    [InlineData("2024", "2024-01-01T00:00:00", "2024-12-31T23:59:59.999999")] // PS3.4 C.2.2.2.5: whole year
    [InlineData("202402", "2024-02-01T00:00:00", "2024-02-29T23:59:59.999999")]
    [InlineData("202302", "2023-02-01T00:00:00", "2023-02-28T23:59:59.999999")]
    [InlineData("20240315", "2024-03-15T00:00:00", "2024-03-15T23:59:59.999999")]
    [InlineData("2024031512", "2024-03-15T12:00:00", "2024-03-15T12:59:59.999999")]
    [InlineData("20240315123045.12", "2024-03-15T12:30:45.12", "2024-03-15T12:30:45.129999")]
    [InlineData("9999", "9999-01-01T00:00:00", "9999-12-31T23:59:59.999999")]
    public void Reduced_precision_covers_its_whole_period(string text, string lower, string upper)
    {
        var value = DicomDateTime.Parse(text);
        Assert.Equal(DateTime.Parse(lower, CultureInfo.InvariantCulture), value.LowerBound);
        Assert.Equal(DateTime.Parse(upper, CultureInfo.InvariantCulture), value.UpperBound);
    }

    [Theory]
    [InlineData("202", "four-digit year")]
    [InlineData("0000", "year 0000")]
    [InlineData("20241", "unexpected")]
    [InlineData("20241301", "month 13")]
    [InlineData("20230229", "does not exist")]
    [InlineData("2024031524", "hour 24")]
    [InlineData("20240315+1500", "-1200 to +1400")]
    [InlineData("20240315-1201", "-1200 to +1400")]
    [InlineData("20240315+0160", "minutes 60")]
    [InlineData("20240315+01", "&ZZXX")]
    [InlineData("20240315123045.1234567", "at most 6")]
    [InlineData("20240315 ", "hour")]
    public void Strict_rejects_and_says_why(string text, string reason)
    {
        Assert.False(DicomDateTime.TryParse(text, DicomParseMode.Strict, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" 20240315123045 ", "20240315123045")]
    [InlineData("20240315123045.", "20240315123045")]
    [InlineData("20240315123045.12345678", "20240315123045.123456")]
    public void Lenient_reads_padding_and_long_fractions(string text, string canonical) =>
        Assert.Equal(canonical, DicomDateTime.Parse(text, DicomParseMode.Lenient).ToString());

    [Fact]
    public void The_offset_in_the_value_wins_over_the_fallback()
    {
        var withOffset = DicomDateTime.Parse("20240315123045+0200");
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 45, TimeSpan.FromHours(2)), withOffset.ToDateTimeOffset(TimeSpan.FromHours(-5)));

        var local = DicomDateTime.Parse("20240315123045");
        Assert.Null(local.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 45, TimeSpan.FromHours(-5)), local.ToDateTimeOffset(TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void Values_with_offsets_compare_as_instants()
    {
        var paris = DicomDateTime.Parse("20240315120000+0100");
        var newYork = DicomDateTime.Parse("20240315080000-0400");
        Assert.True(paris < newYork);
        Assert.NotEqual(paris, newYork);
    }

    [Fact]
    public void Values_at_the_ends_of_the_calendar_compare_across_offsets()
    {
        // Instants outside DateTimeOffset's years 1 to 9999 (regression: CompareTo threw for them).
        var first = DicomDateTime.Parse("00010101+0226");
        var last = DicomDateTime.Parse("99991231235959-1200");
        Assert.True(first < DicomDateTime.Parse("00010101+0000"));
        Assert.True(last > DicomDateTime.Parse("99991231235959+0000"));
        Assert.Null(first.ToDateTimeOffset());
        Assert.Null(last.ToDateTimeOffset());
    }

    [Fact]
    public void Combines_date_and_time()
    {
        var value = DicomDateTime.FromDateAndTime(DicomDate.Parse("20240315"), DicomTime.Parse("1230"), TimeSpan.FromHours(1));
        Assert.Equal("202403151230+0100", value.ToString());
        Assert.Equal(DicomDate.Parse("20240315"), value.Date);
        Assert.Equal(DicomTime.Parse("1230"), value.Time);
        Assert.Equal("20240315", DicomDateTime.FromDateAndTime(DicomDate.Parse("20240315")).ToString());
        Assert.Null(DicomDateTime.Parse("20240315").Time);
    }

    [Fact]
    public void From_DateTimeOffset_is_full_precision()
    {
        var value = DicomDateTime.FromDateTimeOffset(new DateTimeOffset(2024, 3, 15, 12, 30, 45, 250, TimeSpan.FromMinutes(-330)));
        Assert.Equal("20240315123045.250000-0530", value.ToString());
        Assert.Equal("20240315123045", DicomDateTime.FromDateTime(new DateTime(2024, 3, 15, 12, 30, 45)).ToString());
    }
}
