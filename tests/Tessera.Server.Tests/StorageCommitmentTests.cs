using System.Threading.Channels;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>Storage Commitment Push Model (PS3.4 J) with Tessera's own SCU: stored instances are committed, others fail with their reason.</summary>
[Collection(ServedArchiveCollection.Name)]
public sealed class StorageCommitmentTests(ServedArchive archive)
{
    [Fact]
    public async Task StoredInstancesAreCommittedAndUnknownOnesFail()
    {
        var stored = archive.Instances.Take(3).Select(i => new ReferencedSop(i.SopClassUid, i.SopInstanceUid)).ToList();
        var unknown = new ReferencedSop(stored[0].SopClassUid, "1.2.3.4.5.6.7.8.9");
        var wrongClass = new ReferencedSop("1.2.840.10008.5.1.4.1.1.7", stored[1].SopInstanceUid);
        await using var client = await archive.ConnectAsync(DicomUids.StorageCommitmentPushModel);
        var reports = new Reports();
        client.EventReportHandler = reports;

        var action = await client.ActionAsync(DicomUids.StorageCommitmentPushModel, DicomUids.StorageCommitmentPushModelInstance, 1, Request("2.25.1234", [.. stored, unknown, wrongClass]), CancellationToken.None);

        Assert.Equal(DimseStatus.Success, action.Status);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (eventType, report) = await reports.Received.Reader.ReadAsync(timeout.Token);
        Assert.Equal((ushort)2, eventType);
        Assert.Equal("2.25.1234", report.GetString(DicomTags.TransactionUID));
        var committed = Assert.IsType<DicomSequence>(report[DicomTags.ReferencedSOPSequence]).Items.Select(i => i.GetString(DicomTags.ReferencedSOPInstanceUID)).ToList();
        Assert.Equal(stored.Select(s => s.SopInstanceUid), committed);
        var failed = Assert.IsType<DicomSequence>(report[DicomTags.FailedSOPSequence]).Items
            .ToDictionary(i => i.GetString(DicomTags.ReferencedSOPClassUID) + "|" + i.GetString(DicomTags.ReferencedSOPInstanceUID), i => i.GetValues<ushort>(DicomTags.FailureReason).Single());
        Assert.Equal(0x0112, failed[$"{unknown.SopClassUid}|{unknown.SopInstanceUid}"]);
        Assert.Equal(0x0119, failed[$"{wrongClass.SopClassUid}|{wrongClass.SopInstanceUid}"]);
        await client.ReleaseAsync(CancellationToken.None);
    }

    private static DicomDataset Request(string transactionUid, IEnumerable<ReferencedSop> sops)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.TransactionUID, DicomVR.UI, transactionUid);
        var sequence = new DicomSequence(DicomTags.ReferencedSOPSequence);
        foreach (var sop in sops)
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, sop.SopClassUid);
            item.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, sop.SopInstanceUid);
            sequence.Add(item);
        }

        ds.Add(sequence);
        return ds;
    }

    private sealed class Reports : INServiceHandler
    {
        public Channel<(ushort EventType, DicomDataset Report)> Received { get; } = Channel.CreateUnbounded<(ushort, DicomDataset)>();

        public ValueTask<NServiceResponse> OnNRequestAsync(DimseRequestContext context, DicomDataset? dataSet, CancellationToken cancellationToken)
        {
            Received.Writer.TryWrite((context.Command.EventTypeID ?? 0, dataSet ?? new DicomDataset()));
            return ValueTask.FromResult(new NServiceResponse(DimseStatus.Success));
        }
    }
}
