using Tessera.Archive.Ingest;
using Tessera.Archive.Tests.Support;
using Tessera.Dicom.IO;

namespace Tessera.Archive.Tests;

/// <summary>The attribute copy the index keeps: deflated, read back whole, and older plain blobs still read.</summary>
public sealed class AttributeBlobTests
{
    private static DicomDataset CtHeader() =>
        DicomFile.Open(Corpus.PathOf("ct_small_evrle.dcm"), new DicomReadOptions { StopBeforePixelData = true }).Dataset;

    [Fact]
    public void A_real_CT_header_round_trips_and_is_stored_in_under_half_its_plain_size()
    {
        var header = CtHeader();

        var blob = AttributeBlob.Encode(header);
        var decoded = AttributeBlob.Decode(blob);

        var plain = new DicomWriter(DicomTransferSyntax.ExplicitVRLittleEndian);
        using var plainBytes = new MemoryStream();
        plain.Write(plainBytes, decoded);
        Assert.True(blob.Length * 2 < plainBytes.Length, $"{blob.Length} B deflated, {plainBytes.Length} B plain");
        Assert.Equal(header.GetString(DicomTags.PatientName), decoded.GetString(DicomTags.PatientName));
        Assert.Equal(header.GetString(DicomTags.SOPInstanceUID), decoded.GetString(DicomTags.SOPInstanceUID));
        var kept = header.Where(e => e.Tag.Group is not (0x0002 or 0x7FE0) && e is DicomValueElement { Value.IsBulkData: false }).Select(e => e.Tag).ToList();
        Assert.Equal(kept, decoded.Where(e => e is DicomValueElement).Select(e => e.Tag));
    }

    [Fact]
    public void A_plain_blob_written_before_compression_is_still_read()
    {
        var dataset = Instances.Dataset(new Instances.Spec { PatientName = "Plain^Old" });
        dataset.RemoveAll(e => e.Tag.Group == 0x7FE0);
        using var plain = new MemoryStream();
        new DicomWriter(DicomTransferSyntax.ExplicitVRLittleEndian).Write(plain, dataset);

        var decoded = AttributeBlob.Decode(plain.ToArray());

        Assert.Equal("Plain^Old", decoded.GetString(DicomTags.PatientName));
    }
}
