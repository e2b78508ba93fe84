using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomAttributeTagTests
{
    [Fact]
    public void Tags_are_group_then_element_each_little_endian()
    {
        // (0020,9165) Dimension Index Pointer = (0020,0032): 20 00 32 00.
        byte[] bytes = [0x20, 0x00, 0x32, 0x00, 0x18, 0x00, 0x89, 0x90];
        Assert.Equal([new DicomTag(0x0020, 0x0032), new DicomTag(0x0018, 0x9089)], DicomAttributeTag.Read(bytes));
        Assert.Equal(bytes, DicomAttributeTag.Write([new DicomTag(0x0020, 0x0032), new DicomTag(0x0018, 0x9089)]));
    }

    [Fact]
    public void A_partial_tag_is_an_error_strictly_and_dropped_leniently()
    {
        byte[] bytes = [0x20, 0x00, 0x32, 0x00, 0x18, 0x00];
        Assert.Throws<DicomException>(() => DicomAttributeTag.Read(bytes));
        Assert.Equal([new DicomTag(0x0020, 0x0032)], DicomAttributeTag.Read(bytes, DicomParseMode.Lenient));
        Assert.Empty(DicomAttributeTag.Read([]));
    }
}
