using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomAgeTests
{
    [Theory]
    [InlineData("018M", 18, DicomAgeUnit.Months)] // PS3.5 6.2 AS example
    [InlineData("000D", 0, DicomAgeUnit.Days)]
    [InlineData("052W", 52, DicomAgeUnit.Weeks)]
    [InlineData("999Y", 999, DicomAgeUnit.Years)]
    public void Strict_reads_nnnU(string text, int value, DicomAgeUnit unit)
    {
        var age = DicomAge.Parse(text);
        Assert.Equal((value, unit), (age.Value, age.Unit));
        Assert.Equal(text, age.ToString());
    }

    [Theory]
    [InlineData("18M")]
    [InlineData("018m")]
    [InlineData("018")]
    [InlineData("0018M")]
    [InlineData("018X")]
    [InlineData(" 018M")]
    [InlineData("")]
    public void Strict_rejects_other_forms(string text) => Assert.False(DicomAge.TryParse(text, out _));

    [Theory]
    [InlineData("22Y", "022Y")]
    [InlineData("5d", "005D")]
    [InlineData(" 018M ", "018M")]
    [InlineData("18 M", "018M")]
    public void Lenient_reads_short_and_lower_case_forms(string text, string canonical) =>
        Assert.Equal(canonical, DicomAge.Parse(text, DicomParseMode.Lenient).ToString());

    [Theory]
    [InlineData("2024-01-01", "2024-01-10", "009D")]
    [InlineData("2024-01-01", "2024-02-15", "006W")]
    [InlineData("2024-01-01", "2025-01-01", "012M")]
    [InlineData("1950-06-15", "2024-06-14", "073Y")]
    [InlineData("1950-06-15", "2024-06-15", "074Y")]
    public void From_birth_date(string birth, string on, string expected) =>
        Assert.Equal(expected, DicomAge.FromBirthDate(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)).ToString());
}
