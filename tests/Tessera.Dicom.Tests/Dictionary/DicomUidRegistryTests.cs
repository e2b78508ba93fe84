namespace Tessera.Dicom.Tests.Dictionary;

public class DicomUidRegistryTests
{
    [Fact]
    public void Finds_a_sop_class()
    {
        var info = DicomUidRegistry.Find(DicomUids.CTImageStorage);
        Assert.NotNull(info);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", info.Uid);
        Assert.Equal("CTImageStorage", info.Keyword);
        Assert.Equal("CT Image Storage", info.Name);
        Assert.Equal(DicomUidType.SOPClass, info.Type);
        Assert.False(info.IsRetired);
    }

    [Fact]
    public void Tolerates_padding() =>
        Assert.Equal(DicomUidType.TransferSyntax, DicomUidRegistry.Find("1.2.840.10008.1.2\0")?.Type);

    [Fact]
    public void Unknown_uid_is_null() => Assert.Null(DicomUidRegistry.Find("1.2.3.4"));

    [Fact]
    public void Counts_match_the_2026b_table()
    {
        Assert.Equal(493, DicomUidRegistry.All.Count);
        Assert.Equal(63, DicomUidRegistry.All.Count(u => u.Type == DicomUidType.TransferSyntax));
        Assert.Equal(311, DicomUidRegistry.All.Count(u => u.Type == DicomUidType.SOPClass));
        Assert.DoesNotContain(DicomUidRegistry.All, u => u.Type == DicomUidType.Other);
    }

    [Fact]
    public void Well_known_types_map() =>
        Assert.Equal(DicomUidType.ApplicationContextName, DicomUidRegistry.Find(DicomUids.DICOMApplicationContext)?.Type);
}
