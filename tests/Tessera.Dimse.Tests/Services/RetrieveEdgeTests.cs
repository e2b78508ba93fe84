using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Interop;

namespace Tessera.Dimse.Tests.Services;

/// <summary>C-GET/C-MOVE cancellation and failures, and the asynchronous operations window the server answers.</summary>
public sealed class RetrieveEdgeTests
{
    [Fact]
    public async Task CancellingAGetStopsTheSubOperationsWithCancelAndTheRemainingCount()
    {
        var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var instances = Enumerable.Range(0, 6).Select(i => ct with { SopInstanceUid = $"{ct.SopInstanceUid}.{i}" }).ToList();
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Get = new TestHandlers.RetrieveHandler(instances) });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.ForGet());
        using var cancel = new CancellationTokenSource();
        var store = new CancellingStoreHandler(cancel);

        var result = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, TestHandlers.Study(string.Empty, "1.2.3"), store, null, cancel.Token);

        Assert.True(result.CancelRequested);
        Assert.Equal(DimseStatus.Cancel, result.Status);
        Assert.InRange(result.Counts.Completed, 1, 5);
        Assert.True(result.Counts.Remaining > 0, $"remaining {result.Counts.Remaining}");
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(QueryRetrieveTests.Cancel()));
    }

    [Fact]
    public async Task MoveHandlerThatThrowsGivesUnableToProcessWithErrorComment()
    {
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("DEST", "127.0.0.1", 9)]);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Move = new ThrowingRetrieveHandler(), ApplicationEntities = table });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", TestHandlers.Study(string.Empty, "1.2.3"), null, QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.CannotUnderstand, result.Status);
        Assert.Equal("archive unavailable", result.ErrorComment);
    }

    [Fact]
    public async Task MoveToADestinationThatDoesNotAnswerFailsEverySubOperationWithA702()
    {
        var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("DEST", "127.0.0.1", Dcmtk.FreePort())]);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Move = new TestHandlers.RetrieveHandler([ct]), ApplicationEntities = table });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", TestHandlers.Study(string.Empty, "1.2.3"), null, QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.OutOfResourcesSubOperations, result.Status);
        Assert.Equal(1, result.Counts.Failed);
        Assert.Equal([ct.SopInstanceUid], result.FailedSopInstanceUids);
    }

    [Fact]
    public async Task AProposedAsynchronousOperationsWindowIsAnsweredWithinTheServersLimits()
    {
        var options = new DicomServerOptions { Association = new DicomAssociationOptions { MaxOperationsPerformed = 4 } };
        var negotiator = new PresentationContextNegotiator([new SupportedAbstractSyntax(DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])]);
        var dispatcher = new DicomServiceDispatcher(options, negotiator, false, new DicomServerHandlers(), new DicomServerConnector(options, NullLogger.Instance, TimeProvider.System), NullLogger.Instance);
        var request = new AAssociateRq
        {
            CalledAETitle = "SCP",
            CallingAETitle = "SCU",
            PresentationContexts = [new PresentationContextRq(1, DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])],
            UserInformation = new UserInformation { AsynchronousOperationsWindow = new AsynchronousOperationsWindow(8, 8) },
        };
        var pipe = new System.IO.Pipelines.Pipe();
        await using var association = new DicomAssociation(new DuplexPipe(pipe.Reader, pipe.Writer), () => { }, Tessera.Dimse.Association.AssociationRole.Acceptor, new DicomAssociationOptions(), null, null, null, null, null);

        var accept = Assert.IsType<AAssociateAc>(dispatcher.Decide(association, request));

        // The requestor may have 4 outstanding (what the server performs); the server invokes one at a time (C-GET's C-STOREs).
        Assert.Equal(new AsynchronousOperationsWindow(4, 1), accept.UserInformation.AsynchronousOperationsWindow);
    }

    private sealed class CancellingStoreHandler(CancellationTokenSource cancel) : IStoreHandler
    {
        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            await dataSet.CopyToAsync(Stream.Null, cancellationToken);
            await cancel.CancelAsync();
            return DimseStatus.Success;
        }
    }

    private sealed class ThrowingRetrieveHandler : IMoveHandler
    {
        public ValueTask<IReadOnlyList<DicomInstanceSource>> OnCMoveAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("archive unavailable");
    }
}
