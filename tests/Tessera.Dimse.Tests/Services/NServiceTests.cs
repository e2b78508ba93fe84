using System.Threading.Channels;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Tests.Services;

/// <summary>Storage Commitment Push Model and the generic N-service handler, DicomClient against DicomServer.</summary>
public sealed class NServiceTests
{
    private static readonly ReferencedSop Committed = new("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.1");
    private static readonly ReferencedSop Missing = new("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.2");

    [Fact]
    public async Task CommitmentIsReportedOnTheSameAssociationWhileItIsOpen()
    {
        var commitment = new CommitmentHandler();
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { StorageCommitment = commitment });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu([DicomUids.StorageCommitmentPushModel]));
        var reports = new ReportCollector();
        client.EventReportHandler = reports;

        var action = await client.ActionAsync(DicomUids.StorageCommitmentPushModel, DicomUids.StorageCommitmentPushModelInstance, 1, Request("1.2.9.1", Committed, Missing), QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.Success, action.Status);
        var (eventType, report) = await reports.Received.Reader.ReadAsync(QueryRetrieveTests.Cancel());
        Assert.Equal((ushort)2, eventType);
        Assert.Equal("1.2.9.1", report.GetString(DicomTags.TransactionUID));
        var ok = Assert.Single(Assert.IsType<DicomSequence>(report[DicomTags.ReferencedSOPSequence]).Items);
        Assert.Equal(Committed.SopInstanceUid, ok.GetString(DicomTags.ReferencedSOPInstanceUID));
        var failed = Assert.Single(Assert.IsType<DicomSequence>(report[DicomTags.FailedSOPSequence]).Items);
        Assert.Equal(Missing.SopInstanceUid, failed.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(new ushort[] { 0x0112 }, failed.GetValues<ushort>(DicomTags.FailureReason));
        Assert.Equal("TESTSCU", commitment.Requests.Single().Association.CallingAETitle);
        await client.ReleaseAsync(QueryRetrieveTests.Cancel());
    }

    [Fact]
    public async Task CommitmentAfterReleaseIsReportedOnANewAssociationToTheRequester()
    {
        var reports = new ReportCollector();
        await using var requester = await QueryRetrieveTests.StartAsync(
            new DicomServerHandlers { NService = reports },
            o => o with { AETitle = "TESTSCU", NServiceSopClasses = [DicomUids.StorageCommitmentPushModel] });
        var commitment = new CommitmentHandler { Delay = TimeSpan.FromMilliseconds(300) };
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("TESTSCU", "127.0.0.1", requester.LocalEndPoint!.Port)]);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { StorageCommitment = commitment, ApplicationEntities = table });
        await using (var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu([DicomUids.StorageCommitmentPushModel])))
        {
            var action = await client.ActionAsync(DicomUids.StorageCommitmentPushModel, DicomUids.StorageCommitmentPushModelInstance, 1, Request("1.2.9.2", Committed), QueryRetrieveTests.Cancel());
            Assert.Equal(DimseStatus.Success, action.Status);
            await client.ReleaseAsync(QueryRetrieveTests.Cancel());
        }

        var (eventType, report) = await reports.Received.Reader.ReadAsync(QueryRetrieveTests.Cancel());
        Assert.Equal((ushort)1, eventType);
        Assert.Equal("1.2.9.2", report.GetString(DicomTags.TransactionUID));
        Assert.Equal(DicomUids.StorageCommitmentPushModel, reports.LastContext!.PresentationContext.AbstractSyntax);
        Assert.True(reports.LastContext.PresentationContext.RequestorIsScp);
    }

    [Fact]
    public async Task CommitmentRequestWithoutReferencesIsRefusedWithInvalidArgumentValue()
    {
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { StorageCommitment = new CommitmentHandler() });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu([DicomUids.StorageCommitmentPushModel]));
        var empty = new DicomDataset();
        empty.AddOrUpdate(DicomTags.TransactionUID, DicomVR.UI, "1.2.9.3");

        var action = await client.ActionAsync(DicomUids.StorageCommitmentPushModel, DicomUids.StorageCommitmentPushModelInstance, 1, empty, QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.InvalidArgumentValue, action.Status);
    }

    [Fact]
    public async Task GenericNServiceHandlerAnswersNGetAndAThrowingHandlerGivesProcessingFailure()
    {
        const string sopClass = "1.2.840.10008.5.1.4.33"; // Instance Availability Notification, here just a SOP class to route
        var handler = new EchoingNHandler();
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { NService = handler }, o => o with { NServiceSopClasses = [sopClass] });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu([sopClass]));

        var get = await client.NGetAsync(sopClass, "1.2.3.4", [DicomTags.PatientName], QueryRetrieveTests.Cancel());
        Assert.Equal(DimseStatus.Success, get.Status);
        Assert.Equal("N^Get", get.DataSet!.GetString(DicomTags.PatientName));

        handler.Throw = true;
        var failed = await client.NDeleteAsync(sopClass, "1.2.3.4", QueryRetrieveTests.Cancel());
        Assert.Equal(DimseStatus.ProcessingFailure, failed.Status);
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(QueryRetrieveTests.Cancel()));
    }

    private static DicomDataset Request(string transactionUid, params ReferencedSop[] sops)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.TransactionUID, DicomVR.UI, transactionUid);
        ds.Add(new DicomSequence(DicomTags.ReferencedSOPSequence, sops.Select(s =>
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, s.SopClassUid);
            item.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, s.SopInstanceUid);
            return item;
        })));
        return ds;
    }

    private sealed class CommitmentHandler : IStorageCommitmentHandler
    {
        public List<StorageCommitmentRequest> Requests { get; } = [];

        public TimeSpan Delay { get; init; }

        public async ValueTask<StorageCommitmentResult> OnCommitRequestAsync(StorageCommitmentRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            await Task.Delay(Delay, cancellationToken);
            return new StorageCommitmentResult(
                [.. request.ReferencedSops.Where(s => s != Missing)],
                [.. request.ReferencedSops.Where(s => s == Missing).Select(s => new StorageCommitmentFailure(s, 0x0112))]);
        }
    }

    private sealed class ReportCollector : INServiceHandler
    {
        public Channel<(ushort EventType, DicomDataset Report)> Received { get; } = Channel.CreateUnbounded<(ushort, DicomDataset)>();

        public DimseRequestContext? LastContext { get; private set; }

        public async ValueTask<NServiceResponse> OnNRequestAsync(DimseRequestContext context, DicomDataset? dataSet, CancellationToken cancellationToken)
        {
            LastContext = context;
            await Received.Writer.WriteAsync((context.Command.EventTypeID ?? 0, dataSet!), cancellationToken);
            return new NServiceResponse(DimseStatus.Success);
        }
    }

    private sealed class EchoingNHandler : INServiceHandler
    {
        public bool Throw { get; set; }

        public ValueTask<NServiceResponse> OnNRequestAsync(DimseRequestContext context, DicomDataset? dataSet, CancellationToken cancellationToken)
        {
            if (Throw)
            {
                throw new InvalidOperationException("no such thing");
            }

            var reply = new DicomDataset();
            reply.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "N^Get");
            return ValueTask.FromResult(new NServiceResponse(DimseStatus.Success, reply));
        }
    }
}
