namespace Tessera.Dicom.Tests;

public class DicomTagTests
{
    [Theory]
    [InlineData("(0010,0010)", 0x00100010u)]
    [InlineData("7fe00010", 0x7FE00010u)]
    [InlineData("0008,0018", 0x00080018u)]
    public void Parse_accepts_the_usual_spellings(string text, uint expected) =>
        Assert.Equal(expected, DicomTag.Parse(text).Value);

    [Fact]
    public void Private_creator_and_its_block()
    {
        var element = new DicomTag(0x0029, 0x1010);
        Assert.True(element.IsPrivate);
        Assert.False(element.IsPrivateCreator);
        Assert.Equal(new DicomTag(0x0029, 0x0010), element.PrivateCreatorTag);
        Assert.True(new DicomTag(0x0029, 0x0010).IsPrivateCreator);
        Assert.False(new DicomTag(0x0001, 0x0010).IsPrivate);
    }

    [Fact]
    public void Prints_as_dcmdump_does() => Assert.Equal("(7FE0,0010)", new DicomTag(0x7FE0, 0x0010).ToString());

    [Theory]
    [InlineData("PN", DicomVR.PN)]
    [InlineData("UV", DicomVR.UV)]
    public void Vr_codes_round_trip(string code, DicomVR vr)
    {
        Assert.True(DicomVRExtensions.TryParse(code, out var parsed));
        Assert.Equal(vr, parsed);
        Assert.Equal(code, vr.Code());
    }

    [Fact]
    public void Unknown_vr_bytes_are_rejected() => Assert.False(DicomVRExtensions.TryParse((byte)'Z', (byte)'Z', out _));
}
