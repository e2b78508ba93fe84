using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomRangeTests
{
    [Theory]
    [InlineData("20240101-20241231", "20240101", "20241231")]
    [InlineData("20240101-", "20240101", null)]
    [InlineData("-20241231", null, "20241231")]
    [InlineData("20240615", "20240615", "20240615")]
    public void Date_ranges_have_open_or_closed_ends(string text, string? start, string? end)
    {
        var range = DicomDateRange.Parse(text);
        Assert.Equal(start is null ? null : DicomDate.Parse(start), range.Start);
        Assert.Equal(end is null ? null : DicomDate.Parse(end), range.End);
        Assert.Equal(text, range.ToString());
    }

    [Theory]
    [InlineData("20240101-20241231", "20240101", true)]
    [InlineData("20240101-20241231", "20241231", true)]
    [InlineData("20240101-20241231", "20250101", false)]
    [InlineData("20240101-", "99991231", true)]
    [InlineData("20240101-", "20231231", false)]
    [InlineData("-20241231", "00010101", true)]
    [InlineData("20240615", "20240615", true)]
    [InlineData("20240615", "20240616", false)]
    public void Date_ranges_are_inclusive(string range, string value, bool expected) =>
        Assert.Equal(expected, DicomDateRange.Parse(range).Contains(DicomDate.Parse(value)));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("2024-01-01")]
    [InlineData("20240101-2024")]
    [InlineData("20240101--20240102")]
    public void Strict_date_ranges_reject_malformed_text(string text) =>
        Assert.False(DicomDateRange.TryParse(text, DicomParseMode.Strict, out _));

    [Fact]
    public void Lenient_date_ranges_read_dashed_and_dotted_dates()
    {
        var range = DicomDateRange.Parse("1995-05-12-1995-06-01", DicomParseMode.Lenient);
        Assert.Equal("19950512-19950601", range.ToString());
        Assert.Equal("19950512", DicomDateRange.Parse("1995-05-12", DicomParseMode.Lenient).ToString());
        Assert.Equal("19950512-", DicomDateRange.Parse("1995.05.12 -", DicomParseMode.Lenient).ToString());
    }

    [Theory]
    [InlineData("12", "120000", true)] // PS3.4: "12" matches 12:00:00.000000 to 12:59:59.999999
    [InlineData("12", "125959.999999", true)]
    [InlineData("12", "130000", false)]
    [InlineData("1000-1200", "1159", true)]
    [InlineData("1000-1200", "120059.999999", true)]
    [InlineData("1000-1200", "120100", false)]
    [InlineData("1000-1200", "130000", false)]
    [InlineData("1000-1200", "095959.999999", false)]
    [InlineData("-0800", "080059", true)]
    [InlineData("2300-", "235960", true)]
    public void Time_ranges_cover_the_implied_periods(string range, string value, bool expected) =>
        Assert.Equal(expected, DicomTimeRange.Parse(range).Contains(DicomTime.Parse(value)));

    [Fact]
    public void Ranges_must_not_run_backwards()
    {
        // PS3.4 C.2.2.2.5: "<time1> - <time2>, where <time1> is less or equal to <time2>"; crossing midnight is not supported.
        Assert.False(DicomTimeRange.TryParse("2300-0100", DicomParseMode.Strict, out _, out var error));
        Assert.Contains("later than", error, StringComparison.Ordinal);
        Assert.False(DicomDateRange.TryParse("20240102-20240101", DicomParseMode.Strict, out _));

        var lenient = DicomTimeRange.Parse("2300-0100", DicomParseMode.Lenient);
        Assert.False(lenient.Contains(DicomTime.Parse("233000")));
        Assert.False(lenient.Contains(DicomTime.Parse("003000")));
    }

    [Theory]
    [InlineData("2024", "20240101", true)] // DT "2024" = the whole year
    [InlineData("2024", "20241231235959.999999", true)]
    [InlineData("2024", "2025", false)]
    [InlineData("2024-2025", "20251231", true)]
    [InlineData("2024-2025", "2026", false)]
    [InlineData("202403-", "20240301000000", true)]
    [InlineData("202403-", "20240229235959", false)]
    [InlineData("-20240315", "20240315235959", true)]
    public void Date_time_ranges_cover_the_implied_periods(string range, string value, bool expected) =>
        Assert.Equal(expected, DicomDateTimeRange.Parse(range).Contains(DicomDateTime.Parse(value)));

    [Theory]
    [InlineData("20240315-0500", "20240315-0500", "20240315-0500")] // one value with an offset
    [InlineData("20240315-0500-20240316-0500", "20240315-0500", "20240316-0500")]
    [InlineData("20240315+0100-20240316", "20240315+0100", "20240316")]
    [InlineData("-20240316-0500", null, "20240316-0500")]
    [InlineData("20240315-0500-", "20240315-0500", null)]
    [InlineData("2024-2025", "2024", "2025")]
    [InlineData("2024-", "2024", null)]
    public void Date_time_ranges_tell_offsets_from_separators(string text, string? start, string? end)
    {
        var range = DicomDateTimeRange.Parse(text);
        Assert.Equal(start, range.Start?.ToString());
        Assert.Equal(end, range.End?.ToString());
    }

    [Fact]
    public void Date_time_ranges_compare_instants_across_offsets()
    {
        var range = DicomDateTimeRange.Parse("20240315120000+0000-20240315130000+0000");
        Assert.True(range.Contains(DicomDateTime.Parse("20240315140000+0100")));
        Assert.False(range.Contains(DicomDateTime.Parse("20240315140000+0000")));

        // A local value takes the Timezone Offset From UTC in force.
        Assert.True(range.Contains(DicomDateTime.Parse("20240315080000"), TimeSpan.FromHours(-5)));
        Assert.False(range.Contains(DicomDateTime.Parse("20240315080000"), TimeSpan.FromHours(0)));
    }

    [Fact]
    public void Date_time_ranges_at_the_ends_of_the_calendar_compare_across_offsets()
    {
        // 0001-01-01 at +02:26 is an instant in year 0, and 9999-12-31 at -12:00 one in year 10000 (regression: the
        // comparison went through DateTimeOffset, which throws for both; found by a property test's random seed).
        var range = DicomDateTimeRange.Parse("00010101+0226-99991231235959-1200");
        Assert.True(range.Contains(DicomDateTime.Parse("00010101+0000")));
        Assert.True(range.Contains(DicomDateTime.Parse("99991231235959+0000")));
        Assert.False(range.Contains(DicomDateTime.Parse("00010101+0300")));
    }

    [Fact]
    public void Combined_date_and_time_ranges_run_from_first_date_and_time_to_last()
    {
        // PS3.4 C.2.2.2.5.4: Study Date "20240101-20240102" with Study Time "2300-0100" is one interval,
        // from 2024-01-01 23:00 to 2024-01-02 01:00:59.999999, not 23:00-01:00 on each day.
        Assert.True(DicomDateTimeRange.TryParseDateAndTime("20240101-20240102", "2300-0100", DicomParseMode.Strict, out var range, out _));
        Assert.True(range.Contains(DicomDateTime.Parse("20240101233000")));
        Assert.True(range.Contains(DicomDateTime.Parse("20240102003000")));
        Assert.True(range.Contains(DicomDateTime.Parse("20240102010059")));
        Assert.False(range.Contains(DicomDateTime.Parse("20240101120000")));
        Assert.False(range.Contains(DicomDateTime.Parse("20240102013000")));
    }

    [Fact]
    public void Combined_ranges_must_not_run_backwards()
    {
        Assert.False(DicomDateTimeRange.TryParseDateAndTime("20240101", "2300-0100", DicomParseMode.Strict, out _, out var error));
        Assert.Contains("starts after it ends", error, StringComparison.Ordinal);
        Assert.True(DicomDateTimeRange.TryParseDateAndTime("20240101", "", DicomParseMode.Strict, out var dateOnly, out _));
        Assert.Equal("20240101", dateOnly.ToString());
    }

    [Fact]
    public void Combined_ranges_with_open_or_absent_parts()
    {
        var dateOnly = DicomDateTimeRange.FromDateAndTime(DicomDateRange.Parse("20240101"));
        Assert.True(dateOnly.Contains(DicomDateTime.Parse("20240101235959")));
        Assert.False(dateOnly.Contains(DicomDateTime.Parse("20240102")));

        var singleDate = DicomDateTimeRange.FromDateAndTime(DicomDateRange.Parse("20240101"), DicomTimeRange.Parse("0800-1000"));
        Assert.True(singleDate.Contains(DicomDateTime.Parse("202401010930")));
        Assert.False(singleDate.Contains(DicomDateTime.Parse("202401011100")));

        var openEnd = DicomDateTimeRange.FromDateAndTime(DicomDateRange.Parse("20240101-"), DicomTimeRange.Parse("0800-"));
        Assert.True(openEnd.Contains(DicomDateTime.Parse("20991231")));
        Assert.False(openEnd.Contains(DicomDateTime.Parse("202401010759")));
        Assert.Null(openEnd.End);
    }
}
