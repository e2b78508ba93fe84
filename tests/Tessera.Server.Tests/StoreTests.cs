using Tessera.Archive;
using Tessera.Archive.Dimse;
using Tessera.Archive.Ingest;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>C-STORE failures answer the catalogue's DIMSE status (PS3.4 B.2.3), and the association goes on.</summary>
[Collection(ServedArchiveCollection.Name)]
public sealed class StoreTests(ServedArchive archive)
{
    [Fact]
    public async Task ADataSetWhoseUidDiffersFromTheCommandIsRefusedA901()
    {
        var file = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var lying = file with { SopInstanceUid = "2.25.99999" };
        await using var client = await archive.ConnectAsync(file.SopClassUid);

        var status = await client.StoreAsync(lying, CancellationToken.None);

        Assert.Equal(ArchiveStatuses.UidMismatch.DimseStatus, status.Code);
        Assert.True((await client.StoreAsync(file, CancellationToken.None)).IsSuccess);
        await client.ReleaseAsync(CancellationToken.None);
    }

    /// <summary>The archive's reason travels in the C-STORE-RSP's Error Comment (PS3.7 Table 9.3-2), not only in its log.</summary>
    [Fact]
    public async Task ARefusalCarriesItsReasonAsErrorComment()
    {
        var file = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        await using var client = await archive.ConnectAsync(file.SopClassUid);

        var response = await client.StoreInstanceAsync(file with { SopInstanceUid = "2.25.99998" }, null, null, CancellationToken.None);

        Assert.Equal(ArchiveStatuses.UidMismatch.DimseStatus, response.Status.Code);
        Assert.StartsWith(ArchiveStatuses.UidMismatch.Message[..Math.Min(20, ArchiveStatuses.UidMismatch.Message.Length)], response.ErrorComment, StringComparison.Ordinal);
        await client.ReleaseAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ADataSetThatIsNotDicomIsRefusedCannotUnderstand()
    {
        var garbage = new DicomInstanceSource(DicomUids.SecondaryCaptureImageStorage, "2.25.4242", "1.2.840.10008.1.2.1", _ => ValueTask.FromResult<Stream>(new MemoryStream(new byte[300])));
        await using var client = await archive.ConnectAsync(DicomUids.SecondaryCaptureImageStorage);

        var status = await client.StoreAsync(garbage, CancellationToken.None);

        Assert.True(status.IsFailure, status.ToString());
        Assert.True(await client.EchoAsync(CancellationToken.None) is { IsSuccess: true });
        await client.ReleaseAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("archive.out-of-resources", 0xA700)]
    [InlineData("archive.index-unavailable", 0xA702)]
    [InlineData("archive.dataset-mismatch", 0xA900)]
    [InlineData("archive.cannot-understand", 0xC000)]
    [InlineData("archive.duplicate-rejected", 0x0111)]
    public void EveryIngestFailureAnswersItsCatalogueStatus(string code, ushort expected)
    {
        var status = ArchiveStatuses.All.Single(s => s.Code == code);

        Assert.Equal(new DimseStatus(expected), ArchiveDimseStatuses.ForStore(IngestResult.Failure(status, "detail")));
    }

    [Fact]
    public void StoredDuplicateAndNewVersionAreSuccess()
    {
        foreach (var outcome in new[] { IngestOutcome.Stored, IngestOutcome.Duplicate, IngestOutcome.NewVersion, IngestOutcome.Overwritten })
        {
            Assert.Equal(DimseStatus.Success, ArchiveDimseStatuses.ForStore(new IngestResult(outcome, "1.2.3", null, null, 1, null)));
        }
    }
}
