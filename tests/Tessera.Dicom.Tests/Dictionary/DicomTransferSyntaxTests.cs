namespace Tessera.Dicom.Tests.Dictionary;

public class DicomTransferSyntaxTests
{
    [Fact]
    public void Counts_match_the_2026b_table()
    {
        Assert.Equal(63, DicomTransferSyntax.All.Count);
        Assert.Equal(45, DicomTransferSyntax.All.Count(t => !t.IsRetired));
        Assert.Equal(DicomTransferSyntax.All.Count, DicomTransferSyntax.All.Select(t => t.Uid).Distinct().Count());
    }

    [Theory]
    //          keyword                             explicit bigEnd deflate encaps lossy  retired
    [InlineData("ImplicitVRLittleEndian", false, false, false, false, false, false)]
    [InlineData("ExplicitVRLittleEndian", true, false, false, false, false, false)]
    [InlineData("ExplicitVRBigEndian", true, true, false, false, false, true)]
    [InlineData("DeflatedExplicitVRLittleEndian", true, false, true, false, false, false)]
    [InlineData("EncapsulatedUncompressedExplicitVRLittleEndian", true, false, false, true, false, false)]
    [InlineData("JPEGBaseline8Bit", true, false, false, true, true, false)]
    [InlineData("JPEGExtended12Bit", true, false, false, true, true, false)]
    [InlineData("JPEGLossless", true, false, false, true, false, false)]
    [InlineData("JPEGLosslessSV1", true, false, false, true, false, false)]
    [InlineData("JPEGLSLossless", true, false, false, true, false, false)]
    [InlineData("JPEGLSNearLossless", true, false, false, true, true, false)]
    [InlineData("JPEG2000Lossless", true, false, false, true, false, false)]
    [InlineData("JPEG2000", true, false, false, true, true, false)]
    [InlineData("RLELossless", true, false, false, true, false, false)]
    [InlineData("JPIPReferenced", true, false, false, false, false, false)]
    [InlineData("JPIPReferencedDeflate", true, false, true, false, false, false)]
    [InlineData("DeflatedImageFrameCompression", true, false, false, true, false, false)]
    [InlineData("HTJ2KLossless", true, false, false, true, false, false)]
    [InlineData("MPEG4HP41", true, false, false, true, true, false)]
    [InlineData("Papyrus3ImplicitVRLittleEndian", false, false, false, false, false, true)]
    public void Flags(string keyword, bool isExplicitVR, bool isBigEndian, bool isDeflated, bool isEncapsulated, bool isLossy, bool isRetired)
    {
        var ts = Assert.Single(DicomTransferSyntax.All, t => t.Keyword == keyword);
        Assert.Equal(isExplicitVR, ts.IsExplicitVR);
        Assert.Equal(isBigEndian, ts.IsBigEndian);
        Assert.Equal(isDeflated, ts.IsDeflated);
        Assert.Equal(isEncapsulated, ts.IsEncapsulated);
        Assert.Equal(isLossy, ts.IsLossy);
        Assert.Equal(isRetired, ts.IsRetired);
    }

    [Fact]
    public void Static_fields_are_the_registered_instances()
    {
        Assert.Same(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Lookup(DicomUids.ExplicitVRLittleEndian));
        Assert.Same(DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.All[0]);
        Assert.Equal("Explicit VR Little Endian", DicomTransferSyntax.ExplicitVRLittleEndian.ToString());
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1\0")]
    [InlineData("1.2.840.10008.1.2.1 ")]
    [InlineData("1.2.840.10008.1.2.1")]
    public void Lookup_ignores_padding(string uid) =>
        Assert.Same(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Lookup(uid));

    [Fact]
    public void Unknown_uid_is_read_as_explicit_little_endian_encapsulated()
    {
        var ts = DicomTransferSyntax.Lookup("1.2.3.4.5\0");
        Assert.Equal("1.2.3.4.5", ts.Uid);
        Assert.True(ts.IsExplicitVR);
        Assert.False(ts.IsBigEndian);
        Assert.False(ts.IsDeflated);
        Assert.True(ts.IsEncapsulated);
        Assert.DoesNotContain(ts, DicomTransferSyntax.All);
        Assert.Equal(ts, DicomTransferSyntax.Lookup("1.2.3.4.5"));
        Assert.True(ts == DicomTransferSyntax.Lookup("1.2.3.4.5"));
        Assert.NotEqual(DicomTransferSyntax.ExplicitVRLittleEndian, ts);
    }

    [Fact]
    public void Every_transfer_syntax_uid_has_a_constant_and_a_registry_row()
    {
        foreach (var ts in DicomTransferSyntax.All)
        {
            Assert.Equal(DicomUidType.TransferSyntax, DicomUidRegistry.Find(ts.Uid)?.Type);
            Assert.Equal(ts.Keyword, DicomUidRegistry.Find(ts.Uid)?.Keyword);
        }
    }
}
