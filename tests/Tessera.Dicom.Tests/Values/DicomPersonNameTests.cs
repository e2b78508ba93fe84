using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomPersonNameTests
{
    [Fact]
    public void Reads_the_five_components_of_PS3_5_6_2_1_1()
    {
        // PS3.5 6.2.1.1 example: "Adams^John Robert Quincy^^Rev.^B.A. M.Div."
        var name = DicomPersonName.Parse("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");
        Assert.Equal("Adams", name.FamilyName);
        Assert.Equal("John Robert Quincy", name.GivenName);
        Assert.Equal(string.Empty, name.MiddleName);
        Assert.Equal("Rev.", name.NamePrefix);
        Assert.Equal("B.A. M.Div.", name.NameSuffix);
        Assert.Equal("Adams^John Robert Quincy^^Rev.^B.A. M.Div.", name.ToString());
    }

    [Fact]
    public void Reads_the_three_component_groups_of_PS3_5_6_2_1_2()
    {
        // PS3.5 6.2.1.2 (H.3 Japanese example, here in its decoded form).
        var name = DicomPersonName.Parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        Assert.Equal("Yamada", name.Alphabetic.FamilyName);
        Assert.Equal("山田", name.Ideographic.FamilyName);
        Assert.Equal("太郎", name.Ideographic.GivenName);
        Assert.Equal("やまだ", name.Phonetic.FamilyName);
        Assert.Equal("たろう", name.Phonetic.GivenName);
        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", name.ToString());
    }

    [Theory]
    [InlineData("Doe^John^^^", "Doe^John")]
    [InlineData("Doe^John==", "Doe^John")]
    [InlineData("=Wang^XiaoDong", "=Wang^XiaoDong")]
    [InlineData("^^^^", "")]
    [InlineData("Wang^XiaoDong=王^小東=", "Wang^XiaoDong=王^小東")] // PS3.5 I.2 Chinese example
    [InlineData("", "")]
    public void Formats_without_trailing_empty_components_or_groups(string text, string canonical) =>
        Assert.Equal(canonical, DicomPersonName.Parse(text).ToString());

    [Fact]
    public void Equality_is_by_component()
    {
        Assert.Equal(DicomPersonName.Parse("Doe^John^^^"), DicomPersonName.Parse("Doe^John"));
        Assert.Equal(new DicomPersonName("Doe", "John"), DicomPersonName.Parse("Doe^John="));
        Assert.NotEqual(DicomPersonName.Parse("Doe^John"), DicomPersonName.Parse("Doe^Jon"));
        Assert.NotEqual(DicomPersonName.Parse("Doe^John"), DicomPersonName.Parse("Doe^John=Doe"));
    }

    [Theory]
    [InlineData("a=b=c=d", "three component groups")]
    [InlineData("a^b^c^d^e^f", "five components")]
    [InlineData("a\tb", "control character")]
    [InlineData("a\\b", "delimiter")]
    public void Strict_rejects_and_says_why(string text, string reason)
    {
        Assert.False(DicomPersonName.TryParse(text, DicomParseMode.Strict, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_limits_a_group_to_64_characters()
    {
        Assert.True(DicomPersonName.TryParse(new string('A', 64), DicomParseMode.Strict, out _));
        Assert.False(DicomPersonName.TryParse(new string('A', 65), DicomParseMode.Strict, out _));
        Assert.True(DicomPersonName.TryParse(new string('A', 65), DicomParseMode.Lenient, out _));
    }

    [Fact]
    public void Escape_sequences_of_ISO_2022_are_allowed()
    {
        var text = "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B";
        Assert.Equal(text, DicomPersonName.Parse(text).ToString());
    }

    [Fact]
    public void Lenient_keeps_extra_components_in_the_suffix_and_trims_spaces()
    {
        var name = DicomPersonName.Parse(" Doe ^ John ^^^Jr^III ", DicomParseMode.Lenient);
        Assert.Equal("Doe", name.FamilyName);
        Assert.Equal("John", name.GivenName);
        Assert.Equal("Jr^III", name.NameSuffix);
        Assert.Equal("a=b=c", DicomPersonName.Parse("a=b=c=d", DicomParseMode.Lenient).ToString());
    }
}
